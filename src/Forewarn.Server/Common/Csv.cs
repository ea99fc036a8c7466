using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Common;

/// <summary>CSV for exports: RFC 4180 quoting, formula cells defused, UTF-8 with a byte-order mark so Excel reads the Chinese text.</summary>
public static class Csv
{
    /// <summary>A CSV download of <paramref name="rows"/> under <paramref name="header"/>, named <c>name.csv</c>.</summary>
    public static FileContentHttpResult File(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows, string name)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', header.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }
        return TypedResults.File(Bytes(csv), "text/csv; charset=utf-8", name + ".csv");
    }

    public static string Quote(object? value)
    {
        var text = value switch
        {
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        // Cells starting with = + - @ would run as formulas in a spreadsheet.
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static byte[] Bytes(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
}
