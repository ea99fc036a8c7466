using System.Globalization;
using System.Text;

namespace Forewarn.Server.Common;

/// <summary>CSV for exports: RFC 4180 quoting, formula cells defused, UTF-8 with a byte-order mark so Excel reads the Chinese text.</summary>
public static class Csv
{
    public static string Quote(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        // Cells starting with = + - @ would run as formulas in a spreadsheet.
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static byte[] Bytes(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
}
