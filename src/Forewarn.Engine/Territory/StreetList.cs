namespace Forewarn.Engine.Territory;

/// <summary>A street (街道), town (镇) or township (乡) with its nine-digit NBS code and its district.</summary>
public sealed record Street(string Code, string Name, string DistrictCode, string DistrictName);

/// <summary>Reads the street list: CSV with the header <c>code,name,areaCode,areaName,…</c>.</summary>
public static class StreetList
{
    /// <exception cref="InvalidDataException">A row is malformed; the message names its line.</exception>
    public static IReadOnlyList<Street> Read(TextReader csv)
    {
        var header = csv.ReadLine()?.Split(',').Select(h => h.Trim()).ToArray() ?? throw new InvalidDataException("The street list is empty.");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"The street list has no '{name}' column.");
        int code = Column("code"), name = Column("name"), area = Column("areaCode"), areaName = Column("areaName");
        var streets = new List<Street>();
        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var f = PhoneSegmentTable.SplitCsv(line);
            if (f.Count < header.Length || f[code].Length != 9 || !f[code].All(char.IsAsciiDigit) || f[area].Length != 6
                || !f[code].StartsWith(f[area], StringComparison.Ordinal) || f[name].Length == 0)
            {
                throw new InvalidDataException($"Line {lineNumber} of the street list is malformed: {line}");
            }
            streets.Add(new Street(f[code], f[name], f[area], f[areaName]));
        }
        return streets;
    }
}
