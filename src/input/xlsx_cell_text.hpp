#pragma once
// What a workbook's cells read as (SPEC 1 v1.1): numbers as exact decimals,
// never in exponent form and never with the noise of binary floating point;
// date-formatted numbers as ISO dates and timestamps, in the 1900 or 1904
// date system. A value that is no number or no day comes back as nullopt
// with the reason, and the field is unreadable: never a guess.
#include <optional>
#include <string>
#include <string_view>

namespace shortlist {

/// How a cell's number format shows its number.
enum class NumberShown { kNumber, kDate, kTime, kDateTime };

/// The kind of a number format: built-in `id` (0 to 163), or `code` for the
/// workbook's own (`yyyy-mm-dd`, `[h]:mm`, `0.00%`).
NumberShown builtin_number_format(int id);
NumberShown classify_number_format(std::string_view code);

/// A number cell's value (`0.30000000000000004`, `1E+15`, `42`) as the
/// decimal a spreadsheet keeps: at most 15 significant digits (what a
/// spreadsheet stores of a number typed in), trailing zeros dropped, no
/// exponent (`0.3`, `1000000000000000`, `42`). An integer written whole is
/// kept whole, however long. nullopt if `literal` is not a finite number.
std::optional<std::string> spreadsheet_number(std::string_view literal);

/// A date serial as `shown`: `2024-03-27`, `12:00:00` or
/// `2024-03-27T12:00:00` (no offset: spreadsheets keep local times), with
/// milliseconds when there are any (`23:59:59.700`); a date alone is the
/// serial's day, never rounded. nullopt, with `why`, for a serial that is no day:
/// negative, 0 in the 1900 system, 60 (the 1900 system's 29 February 1900,
/// a day that never was) or past 9999-12-31.
std::optional<std::string> spreadsheet_date(double serial, bool date1904, NumberShown shown,
                                            std::string& why);

/// Decodes the `_xHHHH_` escapes of OOXML strings (ECMA-376 ST_Xstring): how
/// a workbook writes characters that XML cannot hold, such as control
/// characters. `_x005F_` is an escaped underscore.
void decode_ooxml_escapes(std::string& text);

/// The 1-based column of a cell reference (`B7` is 2); 0 if `ref` has no
/// column letters or names one past XFD (16,384).
int cell_column(std::string_view ref);
/// Column letters of a 1-based column (2 is `B`).
std::string column_letters(int column);

}  // namespace shortlist
