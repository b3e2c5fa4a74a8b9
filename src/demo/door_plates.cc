#include "demo/door_plates.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace huji::demo {

DoorPlates::DoorPlates(const Area& area, Shared& shared, Rng& rng, uint64_t street_seed)
    : area_(area), shared_(shared), rng_(rng), streets_(area.villages.size()) {
  for (const auto& v : area_.villages) {
    village_weights_.add(static_cast<uint32_t>(v.neighborhoods));
  }
  // For every (village, road) pair: how many villages share the road and which one this is,
  // so that their building numbers never collide.
  const int villages = static_cast<int>(area_.villages.size());
  for (int v = 0; v < villages; ++v) {
    for (size_t r = 0; r < 3; ++r) {
      const int road = area_.villages[static_cast<size_t>(v)].roads[r];
      if (road < 0) continue;
      int share = 0, index = 0;
      for (int u = 0; u < villages; ++u) {
        for (int other : area_.villages[static_cast<size_t>(u)].roads) {
          if (other != road) continue;
          if (u == v) index = share;
          ++share;
        }
      }
      Street& s = streets_[static_cast<size_t>(v)][r];
      s.sharing = share;
      s.index = index;
      uint64_t h = static_cast<uint64_t>(v * 64 + road) ^ (street_seed << 20);
      s.cursor = static_cast<uint32_t>(splitmix64(h) % kSlots);
    }
  }
}

void DoorPlates::emit_office_plate() {
  DoorPlate plate;
  plate.id = ++shared_.last_plate_id;
  plate.office_code = area_.office.code;
  plate.address.county = area_.office.county;
  plate.address.district = area_.office.district;
  plate.address.village = area_.villages[static_cast<size_t>(area_.office_village)].name;
  const AreaRoad& road = area_.roads[static_cast<size_t>(area_.office_road)];
  plate.address.road = road.name;
  plate.address.section = road.section;
  plate.address.number = area_.office_number;
  office_plate_id_ = plate.id;
  shared_.sink.door_plate(plate);
}

bool DoorPlates::new_building(Building& b) {
  for (int attempt = 0; attempt < 64; ++attempt) {
    const int v = static_cast<int>(village_weights_.pick(rng_));
    const auto& roads = area_.villages[static_cast<size_t>(v)].roads;
    size_t r = rng_.below(3);
    while (roads[r] < 0) r = (r + 1) % 3;
    Street& s = streets_[static_cast<size_t>(v)][r];
    if (s.used >= kSlots) continue;
    const uint32_t slot = slot_of(s.used, s.cursor);
    ++s.used;
    const AreaRoad& road = area_.roads[static_cast<size_t>(roads[r])];
    core::Address& a = b.address;
    a.county = area_.office.county;
    a.district = area_.office.district;
    a.village = area_.villages[static_cast<size_t>(v)].name;
    a.road = road.name;
    a.section = road.section;
    a.lane.clear();
    a.alley.clear();
    const auto k = static_cast<uint64_t>(s.sharing);
    const auto j = static_cast<uint64_t>(s.index);
    uint64_t number = 0;
    uint64_t block = 0;  // which stretch of the street, for the 鄰
    if (slot < kRoadNumbers) {
      number = slot * k + j + 1;
      block = slot / 40;
    } else {
      const uint64_t t = slot - kRoadNumbers;
      const uint64_t lane_v = (t / kLaneSlots) * k + j;
      // Lane numbers follow the house number where the lane branches off: increasing,
      // with a little jitter that keeps them distinct.
      const uint64_t lane =
          2 * lane_v + 1 + (hash64(lane_v * 131 + static_cast<uint64_t>(roads[r])) & 1);
      a.lane = std::to_string(lane);
      const uint64_t u = t % kLaneSlots;
      if (u < 120) {
        number = u + 1;
      } else {
        const uint64_t alley = (u - 120) / 30;
        a.alley = std::to_string(alley * 3 + 1 + lane % 3);
        number = (u - 120) % 30 + 1;
      }
      block = 1000 + lane_v;
    }
    a.number = std::to_string(number);
    const uint64_t hs =
        hash64((static_cast<uint64_t>(v) << 40) ^ (static_cast<uint64_t>(r) << 32) ^ slot);
    const bool office_clash =
        roads[r] == area_.office_road && a.lane.empty() && a.number == area_.office_number;
    if (hs % 100 < 4 || office_clash) {
      a.number += "之1";
    } else if (hs % 100 < 6) {
      a.number += "之2";
    }
    const uint64_t nb =
        hash64((static_cast<uint64_t>(v) << 32) ^ (static_cast<uint64_t>(roads[r]) << 24) ^ block);
    a.neighborhood = std::to_string(
        1 + nb % static_cast<uint64_t>(area_.villages[static_cast<size_t>(v)].neighborhoods));
    // Houses (透天), walk-up apartments (公寓) and elevator buildings (大樓).
    b.floors.clear();
    b.next = 0;
    const uint32_t kind = rng_.below(100);
    if (kind < 12) {
      b.floors.emplace_back();
    } else {
      const int top =
          kind < 60 ? static_cast<int>(rng_.between(4, 5)) : static_cast<int>(rng_.between(7, 15));
      for (int f = kind < 60 ? 1 : 2; f <= top; ++f) {
        b.floors.push_back(f == 1 ? std::string() : std::to_string(f));
      }
    }
    return true;
  }
  return false;
}

void DoorPlates::emit_plate(const core::Address& address, const std::string& floor,
                            bool abolished) {
  plate_.id = ++shared_.last_plate_id;
  plate_.office_code = area_.office.code;
  plate_.address = address;
  plate_.address.floor = floor;
  plate_.abolished = abolished;
  shared_.sink.door_plate(plate_);
}

int64_t DoorPlates::next_plate() {
  if (last_used_plate_ > 0 && rng_.bp(250)) return last_used_plate_;
  for (;;) {
    if (building_.next >= building_.floors.size()) {
      if (rng_.bp(60)) {
        Building gone;
        if (new_building(gone)) emit_plate(gone.address, std::string(), true);
      }
      if (!new_building(building_)) {
        // Every street is full (beyond 10^8 persons); reuse the office plate.
        return office_plate_id_;
      }
    }
    emit_plate(building_.address, building_.floors[building_.next++], false);
    if (rng_.bp(900)) continue;  // vacant
    last_used_plate_ = plate_.id;
    return plate_.id;
  }
}

}  // namespace huji::demo
