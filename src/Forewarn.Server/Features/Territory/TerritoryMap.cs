using Forewarn.Engine;
using Forewarn.Engine.Territory;
using Forewarn.Engine.Values;

namespace Forewarn.Server.Features.Territory;

public sealed record UnitInfo(string Code, string Name, UnitLevel Level, string? ParentCode, string UnitPath)
{
    public IReadOnlyList<string> Path => UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>How a location was decided (DESIGN §2), in the order they are tried.</summary>
public static class RouteRule
{
    public const string Point = "point";
    public const string AdminCode = "adminCode";
    public const string Address = "address";
    public const string IdNumber = "idNumber";
    public const string PhoneSegment = "phoneSegment";
    public const string Outside = "outside";
    public const string Unknown = "unknown";
}

public sealed record LocationHints(double? Lat = null, double? Lon = null, string? AdminCode = null, string? Address = null,
    string? IdNumber = null, string? Phone = null);

/// <param name="Unit">The unit that owns the subject; for <c>outside</c> and <c>unknown</c> the city, whose transfer-out and triage queues take them.</param>
/// <param name="Rule">The rule that decided.</param>
/// <param name="Evidence">Which hint led to <c>outside</c>, e.g. <c>phoneSegment</c>; otherwise the rule.</param>
public sealed record Resolution(UnitInfo Unit, string Rule, string Evidence);

/// <summary>An immutable snapshot of the territory: the unit tree, its spatial index and the phone segment table.</summary>
public sealed class TerritoryMap
{
    private static readonly string[] OtherProvinces =
    [
        "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
        "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
    ];

    private readonly Dictionary<string, UnitInfo> _units;
    private readonly TerritoryIndex _index;
    private readonly PhoneSegmentTable _segments;
    private readonly (string Name, UnitInfo Unit)[] _districtNames;
    private readonly Dictionary<string, (string Name, UnitInfo Unit)[]> _stationNamesByDistrict;
    private readonly Dictionary<string, UnitInfo> _uniqueStationNames;

    public TerritoryMap(TerritoryOptions options, IEnumerable<(UnitInfo Unit, string? StreetName, NetTopologySuite.Geometries.Geometry? Boundary)> units,
        PhoneSegmentTable segments)
    {
        Options = options;
        var list = units.ToList();
        _units = list.ToDictionary(u => u.Unit.Code, u => u.Unit);
        City = _units.GetValueOrDefault(options.CityCode)
            ?? new UnitInfo(options.CityCode, options.CityName, UnitLevel.City, null, Unit.PathOf(null, options.CityCode));
        _index = new TerritoryIndex(list.Where(u => u.Boundary is not null && u.Unit.Level != UnitLevel.City)
            .Select(u => (u.Unit.Code, u.Unit.Level, u.Boundary!)));
        _segments = segments;
        _districtNames = [.. list.Where(u => u.Unit.Level == UnitLevel.District).SelectMany(u => NameForms(u.Unit.Name).Select(n => (n, u.Unit)))
            .OrderByDescending(x => x.n.Length)];
        var stations = list.Where(u => u.Unit.Level == UnitLevel.Station && u.StreetName is not null).ToList();
        _stationNamesByDistrict = stations.GroupBy(s => s.Unit.ParentCode ?? "")
            .ToDictionary(g => g.Key, g => g.Select(s => (s.StreetName!, s.Unit)).OrderByDescending(x => x.Item1.Length).ToArray());
        _uniqueStationNames = stations.GroupBy(s => s.StreetName!).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Unit);
    }

    public TerritoryOptions Options { get; }
    public UnitInfo City { get; }
    public int UnitCount => _units.Count;
    public int SegmentCount => _segments.Count;

    public UnitInfo? Find(string code) => _units.GetValueOrDefault(code);

    public Resolution Resolve(LocationHints hints)
    {
        if (hints.Lat is { } lat && hints.Lon is { } lon)
        {
            return _index.Locate(lat, lon) is { } code && Find(code) is { } unit
                ? new Resolution(unit, RouteRule.Point, RouteRule.Point)
                : Outside(RouteRule.Point);
        }
        if (!string.IsNullOrWhiteSpace(hints.AdminCode) && ByAdminCode(hints.AdminCode) is { } byCode)
        {
            return byCode;
        }
        if (!string.IsNullOrWhiteSpace(hints.Address) && ByAddress(hints.Address) is { } byAddress)
        {
            return byAddress;
        }
        if (IdNumber.TryParse(hints.IdNumber, out var id) && ByIdNumber(id) is { } byId)
        {
            return byId;
        }
        if (PhoneNumber.TryParse(hints.Phone, out var phone) && ByPhone(phone) is { } byPhone)
        {
            return byPhone;
        }
        return new Resolution(City, RouteRule.Unknown, RouteRule.Unknown);
    }

    private Resolution Outside(string evidence) => new(City, RouteRule.Outside, evidence);

    private bool InCity(string code) => code.StartsWith(CityPrefix, StringComparison.Ordinal);

    /// <summary>A provincial city like 500000 owns every code starting 50; a prefecture city like 510100 owns 5101….</summary>
    private string CityPrefix => Options.CityCode.EndsWith("0000", StringComparison.Ordinal) ? Options.CityCode[..2] : Options.CityCode[..4];

    private Resolution? ByAdminCode(string raw)
    {
        if (!Engine.Values.AdminCode.TryParse(raw, out var code))
        {
            return null;
        }
        if (!InCity(code.Value))
        {
            return Outside(RouteRule.AdminCode);
        }
        // The finest known unit on the code's chain: grid (12) → station (9) → county (6) → the city.
        foreach (var length in new[] { 12, 9, 6 })
        {
            if (code.Value.Length >= length && Find(code.Value[..length]) is { } unit)
            {
                return new Resolution(unit, RouteRule.AdminCode, RouteRule.AdminCode);
            }
        }
        return new Resolution(City, RouteRule.AdminCode, RouteRule.AdminCode);
    }

    private Resolution? ByAddress(string address)
    {
        var text = address.Trim();
        foreach (var (name, district) in _districtNames)
        {
            if (!text.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var (street, station) in _stationNamesByDistrict.GetValueOrDefault(district.Code) ?? [])
            {
                if (text.Contains(street, StringComparison.Ordinal))
                {
                    return new Resolution(station, RouteRule.Address, RouteRule.Address);
                }
            }
            return new Resolution(district, RouteRule.Address, RouteRule.Address);
        }
        foreach (var (street, station) in _uniqueStationNames)
        {
            if (text.Contains(street, StringComparison.Ordinal))
            {
                return new Resolution(station, RouteRule.Address, RouteRule.Address);
            }
        }
        var cityShort = Options.CityName.TrimEnd('市');
        if (!text.StartsWith(cityShort, StringComparison.Ordinal) && OtherProvinces.Any(p => text.StartsWith(p, StringComparison.Ordinal)))
        {
            return Outside(RouteRule.Address);
        }
        return null;
    }

    private Resolution? ByIdNumber(IdNumber id)
    {
        if (!InCity(id.RegionCode))
        {
            return Outside(RouteRule.IdNumber);
        }
        return Find(id.RegionCode) is { } district
            ? new Resolution(district, RouteRule.IdNumber, RouteRule.IdNumber)
            : new Resolution(City, RouteRule.IdNumber, RouteRule.IdNumber);
    }

    private Resolution? ByPhone(PhoneNumber phone)
    {
        string? areaCode = phone.Kind switch
        {
            PhoneKind.Landline => phone.AreaCode,
            PhoneKind.Mobile when _segments.TryFind(phone.Value, out var segment) => segment.AreaCode,
            _ => null,
        };
        if (areaCode is null)
        {
            return null;
        }
        return NormaliseAreaCode(areaCode) == NormaliseAreaCode(Options.AreaCode)
            ? new Resolution(City, RouteRule.PhoneSegment, RouteRule.PhoneSegment)
            : Outside(RouteRule.PhoneSegment);
    }

    private static string NormaliseAreaCode(string areaCode) => areaCode.TrimStart('0');

    /// <summary>"渝北区" is also written "渝北"; "石柱土家族自治县" as "石柱县" or "石柱".</summary>
    private static IEnumerable<string> NameForms(string name)
    {
        yield return name;
        var stripped = name.Replace("土家族苗族自治县", "", StringComparison.Ordinal).Replace("苗族土家族自治县", "", StringComparison.Ordinal)
            .Replace("土家族自治县", "", StringComparison.Ordinal).TrimEnd('区', '县');
        if (stripped.Length >= 2 && stripped != name)
        {
            yield return stripped;
        }
    }
}
