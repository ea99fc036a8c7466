namespace Forewarn.Engine.Territory;

/// <summary>Reads the street/town list (streets.csv: <c>code,name,areaCode,areaName,cityCode,cityName</c>).</summary>
public static class StreetList
{
    /// <summary>
    /// The longest street name: a unit's name holds at most 100 characters, and a grid is named after its street with
    /// a suffix (<c>第12网格</c>).
    /// </summary>
    public const int MaxNameLength = 80;

    private static readonly string[] RequiredColumns = ["code", "name", "areaCode", "areaName"];

    /// <summary>
    /// Reads every street. Columns are matched by name; <c>cityCode</c> and <c>cityName</c> are not kept.
    /// A street's nine-digit code must start with its six-digit district code.
    /// </summary>
    /// <param name="csv">The UTF-8 text; it is not disposed.</param>
    /// <returns>The streets in file order.</returns>
    /// <exception cref="InvalidDataException">The header or a row is malformed; the message names the line.</exception>
    public static IReadOnlyList<Street> Read(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var fields = new List<string>(6);
        string? headerLine = csv.ReadLine();
        if (headerLine is null || !Csv.TrySplit(headerLine, fields))
        {
            throw new InvalidDataException("Street file line 1: no header.");
        }

        var columns = Csv.Header(fields);
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"Street file line 1: header lacks column(s) {string.Join(", ", missing)}.");
        }

        int width = fields.Count;
        int codeAt = columns["code"], nameAt = columns["name"], districtCodeAt = columns["areaCode"], districtNameAt = columns["areaName"];
        var streets = new List<Street>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!Csv.TrySplit(line, fields))
            {
                throw Bad(lineNumber, "broken quoting");
            }

            if (fields.Count != width)
            {
                throw Bad(lineNumber, $"{fields.Count} fields, expected {width}");
            }

            string code = fields[codeAt], name = fields[nameAt];
            string districtCode = fields[districtCodeAt], districtName = fields[districtNameAt];
            if (!Csv.IsDigits(code, 9))
            {
                throw Bad(lineNumber, $"code \"{code}\" is not nine digits");
            }

            if (!Csv.IsDigits(districtCode, 6) || !code.StartsWith(districtCode, StringComparison.Ordinal))
            {
                throw Bad(lineNumber, $"areaCode \"{districtCode}\" is not the six-digit start of code {code}");
            }

            if (name.Length == 0 || districtName.Length == 0)
            {
                throw Bad(lineNumber, "empty name or areaName");
            }

            if (name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                throw Bad(lineNumber, $"name longer than {MaxNameLength} characters or with control characters");
            }

            if (!codes.Add(code))
            {
                throw Bad(lineNumber, $"code {code} appears more than once");
            }

            streets.Add(new Street(code, name, districtCode, districtName));
        }

        return streets;
    }

    private static InvalidDataException Bad(int lineNumber, string reason) =>
        new($"Street file line {lineNumber}: {reason}.");
}
