#ifndef HUJI_DEMO_NATIONAL_GENERATOR_H_
#define HUJI_DEMO_NATIONAL_GENERATOR_H_

// The national scope of the demo (DemoScope::kNational): all 368 offices (national.h), each
// with its district's share of the persons, generated on its own villages and streets as the
// demo office's are. Internal to the demo generator: call generate() (population.h).

#include "demo/population.h"

namespace huji::demo {

void generate_national(const DemoSpec& spec, PopulationSink& sink);

}  // namespace huji::demo

#endif  // HUJI_DEMO_NATIONAL_GENERATOR_H_
