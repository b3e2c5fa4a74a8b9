#ifndef HUJI_DEMO_HOUSEHOLD_GENERATOR_H_
#define HUJI_DEMO_HOUSEHOLD_GENERATOR_H_

// The households of one office: their members (a realistic mix of single, couple, nuclear,
// three-generation … households), ages, names, birthplaces, marriages, deaths, moves and
// every person's event history. Internal to the demo generator (population.h).

#include <cstdint>

#include "demo/area.h"
#include "demo/population.h"

namespace huji::demo {

// Delivers the office's own door plate, then exactly `persons` persons in households of
// `area` to shared.sink. `rng_seed` seeds the draws, `street_seed` scatters the building slots;
// `elsewhere` are the offices the area's people came from or were born in.
void generate_households(const DemoSpec& spec, Shared& shared, const Area& area,
                         const Elsewhere& elsewhere, uint64_t rng_seed, uint64_t street_seed,
                         int persons);

}  // namespace huji::demo

#endif  // HUJI_DEMO_HOUSEHOLD_GENERATOR_H_
