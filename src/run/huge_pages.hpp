#pragma once
// Asking the kernel to back a large buffer with huge pages.
//
// A buffer filled for the first time costs a page fault for every 4 KiB it
// touches; on a virtual machine a fault can cost several microseconds, so
// that filling the sorts' buffers once (tens of megabytes) cost a tenth of a
// second of the reading thread, while the workers waited for it. Backed by
// 2 MiB pages, the same buffer costs a few hundred times fewer faults.
//
// It is a hint: where transparent huge pages are off, or the range holds no
// whole huge page, nothing changes, and nothing but the speed ever depends
// on it.
#include <cstddef>
#include <string>
#include <vector>

namespace shortlist {

/// Advises huge pages for the whole 2 MiB pages inside [data, data + size).
void advise_huge_pages(const void* data, std::size_t size);

/// Gives `buffer` room for `n` elements at once (rather than growing it by
/// doubling, which copies it and touches new pages each time) and advises
/// huge pages for that room.
template <class Buffer>
void reserve_huge(Buffer& buffer, std::size_t n) {
  buffer.reserve(n);
  advise_huge_pages(buffer.data(), buffer.capacity() * sizeof(*buffer.data()));
}

}  // namespace shortlist
