using System.Collections.Frozen;
using System.Globalization;

namespace Forewarn.Engine.Territory;

/// <summary>A seven-digit mobile segment (号段): the home province, city, area code and carrier of the numbers it starts.</summary>
public sealed record PhoneSegment(string Prefix7, string Province, string City, string AreaCode, string Carrier);

/// <summary>The segment table, keyed by the seven-digit prefix as an integer; about 454,000 rows nationally.</summary>
public sealed class PhoneSegmentTable
{
    private readonly FrozenDictionary<int, PhoneSegment> _segments;

    public PhoneSegmentTable(IEnumerable<PhoneSegment> segments)
    {
        var strings = new Dictionary<string, string>();
        string Intern(string s) => strings.TryGetValue(s, out var v) ? v : strings[s] = s;
        var map = new Dictionary<int, PhoneSegment>();
        foreach (var s in segments)
        {
            if (int.TryParse(s.Prefix7, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && s.Prefix7.Length == 7)
            {
                map[key] = s with { Province = Intern(s.Province), City = Intern(s.City), AreaCode = Intern(s.AreaCode), Carrier = Intern(s.Carrier) };
            }
        }
        _segments = map.ToFrozenDictionary();
    }

    /// <summary>Rows of the loaded file that could not be read.</summary>
    public int Rejected { get; private init; }

    public int Count => _segments.Count;

    /// <summary>Every segment, for storing the table.</summary>
    public IEnumerable<PhoneSegment> All => _segments.Values;

    /// <summary>Reads CSV with the header <c>prefix7,province,city,zip_code,area_code,card_type,carrier</c>; bad rows are counted, not fatal.</summary>
    public static PhoneSegmentTable Load(TextReader csv)
    {
        var header = csv.ReadLine()?.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray()
            ?? throw new InvalidDataException("The segment file is empty.");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"The segment file has no '{name}' column.");
        int prefix = Column("prefix7"), province = Column("province"), city = Column("city"), area = Column("area_code"), carrier = Column("carrier");
        var rows = new List<PhoneSegment>();
        var rejected = 0;
        while (csv.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var f = SplitCsv(line);
            if (f.Count <= Math.Max(Math.Max(prefix, province), Math.Max(Math.Max(city, area), carrier))
                || f[prefix].Length != 7 || !f[prefix].All(char.IsAsciiDigit) || f[prefix][0] != '1')
            {
                rejected++;
                continue;
            }
            rows.Add(new PhoneSegment(f[prefix], f[province], f[city], f[area], f[carrier]));
        }
        return new PhoneSegmentTable(rows) { Rejected = rejected };
    }

    /// <summary>Looks up the segment of an 11-digit mobile number.</summary>
    public bool TryFind(string mobile11, out PhoneSegment segment)
    {
        segment = null!;
        return mobile11.Length >= 7 && int.TryParse(mobile11.AsSpan(0, 7), NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            && _segments.TryGetValue(key, out segment!);
    }

    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
