#ifndef HUJI_SERVICE_SMALL_CELLS_H_
#define HUJI_SERVICE_SMALL_CELLS_H_

// Small-cell suppression (小數值抑制) for the counts of persons the statistics publish: a cell
// of one or two persons in a village and age band tells of someone nameable ("the one woman
// over 95 in 忠順里"), so it is not shown.
//
// The rule, for one row of counts published with its total (a village's age bands):
//  1. primary: a cell of 1 to kSuppressBelow − 1 persons is withheld (null; 0 is shown);
//  2. complementary: while the row's withheld cells could be worked out from its total
//     (a single withheld cell, or withheld cells whose sum equals their number, every one a 1),
//     the smallest shown non-zero cell is withheld too (the first such, on a tie);
//  3. the total is withheld when it is itself 1 to kSuppressBelow − 1, or when step 2 found
//     no cell left to withhold.
// So no withheld cell equals the total minus the shown cells. Rows share no published
// column totals, so each row is protected on its own.

#include <cstdint>
#include <optional>
#include <vector>

namespace huji::service {

inline constexpr int64_t kSuppressBelow = 3;

struct SuppressedRow {
  std::vector<std::optional<int64_t>> cells;  // nullopt: withheld
  std::optional<int64_t> total;               // nullopt: withheld
  int withheld = 0;                           // cells withheld
};

SuppressedRow suppress_small_cells(const std::vector<int64_t>& cells);

}  // namespace huji::service

#endif  // HUJI_SERVICE_SMALL_CELLS_H_
