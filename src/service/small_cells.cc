#include "service/small_cells.h"

#include <numeric>

namespace huji::service {

SuppressedRow suppress_small_cells(const std::vector<int64_t>& cells) {
  SuppressedRow row;
  row.cells.assign(cells.begin(), cells.end());
  const int64_t total = std::accumulate(cells.begin(), cells.end(), int64_t{0});
  int64_t hidden_sum = 0;
  auto withhold = [&](size_t i) {
    hidden_sum += *row.cells[i];
    row.cells[i].reset();
    ++row.withheld;
  };
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i] > 0 && cells[i] < kSuppressBelow) withhold(i);
  }
  // Recoverable: one withheld cell is the total minus the rest; k withheld cells summing to k
  // are all ones.
  auto recoverable = [&] { return row.withheld == 1 || hidden_sum == row.withheld; };
  bool exhausted = false;
  while (row.withheld > 0 && recoverable()) {
    std::optional<size_t> smallest;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (row.cells[i] && *row.cells[i] > 0 && (!smallest || cells[i] < cells[*smallest])) {
        smallest = i;
      }
    }
    if (!smallest) {
      exhausted = true;
      break;
    }
    withhold(*smallest);
  }
  if (!exhausted && !(total > 0 && total < kSuppressBelow)) row.total = total;
  return row;
}

}  // namespace huji::service
