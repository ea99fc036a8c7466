using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Forewarn.Engine.Territory;

/// <summary>
/// The seven-digit mobile segment table (七位号段, ~454,000 rows): finds where a mobile number was issued.
/// Stored compactly: each prefix maps to an index into the few thousand distinct
/// (province, city, area code, carrier) places; immutable and safe for concurrent reads.
/// </summary>
public sealed class PhoneSegmentTable
{
    private static readonly string[] RequiredColumns = ["prefix7", "province", "city", "area_code", "carrier"];

    private readonly FrozenDictionary<int, int> _placeByPrefix;
    private readonly Place[] _places;

    /// <summary>Builds the table from segments, e.g. rows read back from the database.</summary>
    /// <param name="segments">Segments with unique seven-digit prefixes.</param>
    /// <exception cref="ArgumentException">A prefix is not seven digits or appears twice.</exception>
    public PhoneSegmentTable(IEnumerable<PhoneSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var builder = new Builder();
        foreach (var segment in segments)
        {
            ArgumentNullException.ThrowIfNull(segment, nameof(segments));
            if (!TryParsePrefix(segment.Prefix7, out int prefix))
            {
                throw new ArgumentException($"Segment prefix \"{segment.Prefix7}\" is not seven digits starting with 1.", nameof(segments));
            }

            if (!builder.TryAdd(prefix, segment.Province, segment.City, segment.AreaCode, segment.Carrier))
            {
                throw new ArgumentException($"Segment prefix {segment.Prefix7} appears more than once.", nameof(segments));
            }
        }

        (_placeByPrefix, _places) = builder.Build();
    }

    private PhoneSegmentTable(Builder builder, int rejected)
    {
        (_placeByPrefix, _places) = builder.Build();
        Rejected = rejected;
    }

    /// <summary>How many segments the table holds.</summary>
    public int Count => _placeByPrefix.Count;

    /// <summary>
    /// How many data rows <see cref="Load"/> skipped: broken quoting, wrong field count, a prefix that is not
    /// seven digits starting with 1, an empty province or city, or a repeated prefix (the first one wins).
    /// </summary>
    public int Rejected { get; }

    /// <summary>
    /// Reads the CSV with header <c>prefix7,province,city,zip_code,area_code,card_type,carrier</c> (columns are
    /// matched by name; <c>zip_code</c> and <c>card_type</c> are not kept). Bad rows are skipped and counted in
    /// <see cref="Rejected"/>.
    /// </summary>
    /// <param name="csv">The UTF-8 text; it is not disposed.</param>
    /// <exception cref="InvalidDataException">The header is missing or lacks a required column.</exception>
    public static PhoneSegmentTable Load(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var fields = new List<string>(8);
        string? headerLine = csv.ReadLine();
        if (headerLine is null || !Csv.TrySplit(headerLine, fields))
        {
            throw new InvalidDataException("Phone segment file has no header line.");
        }

        var columns = Csv.Header(fields);
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"Phone segment header lacks column(s) {string.Join(", ", missing)}; expected prefix7,province,city,zip_code,area_code,card_type,carrier.");
        }

        int width = fields.Count;
        int prefixAt = columns["prefix7"], provinceAt = columns["province"], cityAt = columns["city"];
        int areaCodeAt = columns["area_code"], carrierAt = columns["carrier"];
        var builder = new Builder();
        int rejected = 0;
        while (csv.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!Csv.TrySplit(line, fields)
                || fields.Count != width
                || !TryParsePrefix(fields[prefixAt], out int prefix)
                || fields[provinceAt].Length == 0
                || fields[cityAt].Length == 0
                || !builder.TryAdd(prefix, fields[provinceAt], fields[cityAt], fields[areaCodeAt], fields[carrierAt]))
            {
                rejected++;
            }
        }

        return new PhoneSegmentTable(builder, rejected);
    }

    /// <summary>Every segment, in no particular order (to store the table).</summary>
    public IEnumerable<PhoneSegment> All => _placeByPrefix.Select(p =>
        new PhoneSegment(p.Key.ToString("D7", CultureInfo.InvariantCulture), _places[p.Value].Province, _places[p.Value].City, _places[p.Value].AreaCode,
            _places[p.Value].Carrier));

    /// <summary>Looks up an eleven-digit mobile number by its first seven digits.</summary>
    /// <param name="mobile11">The number, exactly eleven ASCII digits (no +86, spaces or dashes).</param>
    /// <param name="segment">The segment found, or null.</param>
    /// <returns>True when the number's segment is in the table.</returns>
    public bool TryFind(string mobile11, [MaybeNullWhen(false)] out PhoneSegment segment)
    {
        if (mobile11 is not null
            && Csv.IsDigits(mobile11, 11)
            && TryParsePrefix(mobile11[..7], out int prefix)
            && _placeByPrefix.TryGetValue(prefix, out int placeIndex))
        {
            var place = _places[placeIndex];
            segment = new PhoneSegment(mobile11[..7], place.Province, place.City, place.AreaCode, place.Carrier);
            return true;
        }

        segment = null;
        return false;
    }

    private static bool TryParsePrefix(string? value, out int prefix)
    {
        prefix = 0;
        return value is not null
            && Csv.IsDigits(value, 7)
            && value[0] == '1'
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out prefix);
    }

    private sealed record Place(string Province, string City, string AreaCode, string Carrier);

    private sealed class Builder
    {
        private readonly Dictionary<int, int> _placeByPrefix = [];
        private readonly Dictionary<Place, int> _placeIndex = [];
        private readonly List<Place> _places = [];
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

        public bool TryAdd(int prefix, string province, string city, string areaCode, string carrier)
        {
            if (_placeByPrefix.ContainsKey(prefix))
            {
                return false;
            }

            var place = new Place(Intern(province), Intern(city), Intern(areaCode), Intern(carrier));
            if (!_placeIndex.TryGetValue(place, out int index))
            {
                index = _places.Count;
                _places.Add(place);
                _placeIndex.Add(place, index);
            }

            _placeByPrefix.Add(prefix, index);
            return true;
        }

        public (FrozenDictionary<int, int>, Place[]) Build() => (_placeByPrefix.ToFrozenDictionary(), [.. _places]);

        private string Intern(string? value)
        {
            value ??= "";
            if (!_strings.TryGetValue(value, out string? pooled))
            {
                _strings.Add(value, value);
                pooled = value;
            }

            return pooled;
        }
    }
}
