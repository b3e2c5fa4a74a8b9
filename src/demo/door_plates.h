#ifndef HUJI_DEMO_DOOR_PLATES_H_
#define HUJI_DEMO_DOOR_PLATES_H_

// The door plates (門牌) of one office's households, delivered to the sink as they are made:
// buildings along the area's streets, flats in them, vacant and abolished plates among them.
// Internal to the demo generator; its draws come from the household generator's Rng, in the
// order the households ask for plates.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/address.h"
#include "demo/area.h"
#include "demo/random.h"

namespace huji::demo {

class DoorPlates {
 public:
  // `street_seed` scatters the building slots; plate ids come from shared.last_plate_id.
  DoorPlates(const Area& area, Shared& shared, Rng& rng, uint64_t street_seed);

  // The office's own plate, where 逕遷戶所 persons are registered: before its households.
  void emit_office_plate();
  int64_t office_plate_id() const { return office_plate_id_; }

  // A plate for the next household: usually the next flat of the current building, sometimes
  // one shared with the previous household (一址多戶); about 1 in 11 plates stays vacant, and
  // now and then an abolished plate (廢止門牌) of a demolished house is on the record.
  int64_t next_plate();

 private:
  // Building slots of one (village, road): 300 numbers on the road itself, then 200 lanes of
  // 120 numbers each plus 8 alleys of 30. Slots are visited ring by ring (the road and lanes
  // 0–19 first, then lanes 20–39 …) and within a ring in an order scattered by an affine
  // bijection: a small population spreads over the street without running up lane numbers
  // no street has, a large one still finds a free slot.
  static constexpr uint32_t kRoadNumbers = 300;
  static constexpr uint32_t kLaneSlots = 120 + 8 * 30;
  static constexpr uint32_t kRingLanes = 20;
  static constexpr uint32_t kRings = 10;
  static constexpr uint32_t kRingSlots = kRingLanes * kLaneSlots;         // 7,200
  static constexpr uint32_t kSlots = kRoadNumbers + kRings * kRingSlots;  // 72,300
  static constexpr uint64_t kSlotStep = 8'893;  // coprime with 7,200 and 7,500

  // The n-th slot visited on a street whose scatter offset is `cursor`.
  static uint32_t slot_of(uint32_t n, uint32_t cursor) {
    uint32_t base = 0, size = kRoadNumbers + kRingSlots;
    while (n >= size) {
      n -= size;
      base += size;
      size = kRingSlots;
    }
    return base + static_cast<uint32_t>((kSlotStep * n + cursor) % size);
  }

  struct Street {
    int sharing = 1;  // villages on this road
    int index = 0;    // this village among them
    uint32_t cursor = 0;
    uint32_t used = 0;
  };

  struct Building {
    core::Address address;            // without floor
    std::vector<std::string> floors;  // "" for the ground floor
    size_t next = 0;
  };

  // Starts a new building at the next free slot of a street; false when the street is full.
  bool new_building(Building& b);
  void emit_plate(const core::Address& address, const std::string& floor, bool abolished);

  const Area& area_;
  Shared& shared_;
  Rng& rng_;
  Weighted village_weights_;
  std::vector<std::array<Street, 3>> streets_;
  Building building_;
  DoorPlate plate_;
  int64_t last_used_plate_ = 0;
  int64_t office_plate_id_ = 0;
};

}  // namespace huji::demo

#endif  // HUJI_DEMO_DOOR_PLATES_H_
