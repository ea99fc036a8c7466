#pragma warning disable

namespace Forewarn.Engine.Territory
{
    using NetTopologySuite.Geometries;
    public sealed record DistrictFeature(string Code, string Name, double CenterLon, double CenterLat, double CentroidLon, double CentroidLat, Geometry Boundary);
    public static class BoundaryFile { public static IReadOnlyList<DistrictFeature> Read(Stream s) => throw null!; }
    public static class SyntheticPartition { public static IReadOnlyList<Geometry> Split(Geometry a, int p, int s) => throw null!; }
    public sealed class TerritoryIndex { public TerritoryIndex(IEnumerable<(string Code, UnitLevel Level, Geometry Boundary)> u) { } public string? Locate(double lat, double lon) => null; }
    public sealed record PhoneSegment(string Prefix7, string Province, string City, string AreaCode, string Carrier);
    public sealed class PhoneSegmentTable { public PhoneSegmentTable(IEnumerable<PhoneSegment> s) { } public static PhoneSegmentTable Load(TextReader r) => null!; public int Count => 0; public int Rejected => 0; public IEnumerable<PhoneSegment> All => []; public bool TryFind(string m, out PhoneSegment s) { s = null!; return false; } }
    public sealed record Street(string Code, string Name, string DistrictCode, string DistrictName);
    public static class StreetList { public static IReadOnlyList<Street> Read(TextReader r) => null!; }
}

namespace Forewarn.Engine.Indicators
{
    public enum IndicatorType { Phone, Account, Url, Domain, App, Im, Ip }
    public enum IndicatorStatus { Suspected, Confirmed, Whitelisted }
    public sealed record IndicatorEntry(IndicatorType Type, string Value, IndicatorStatus Status, string Source, double Confidence, DateTime? ExpiresAtUtc);
    public static class NeverFlag { public static IReadOnlyDictionary<string, string> Phones => null!; public static bool Contains(IndicatorType t, string v) => false; }
    public readonly record struct IndicatorHit(IndicatorType Type, string Value, IndicatorStatus Status, double Confidence);
    public sealed class Blacklist
    {
        public static Blacklist Build(IEnumerable<IndicatorEntry> e, DateTime now) => new();
        public static Blacklist Empty => new();
        public int Count => 0;
        public bool TryMatch(IndicatorType t, string v, out IndicatorHit h) { h = default; return false; }
        public bool TryMatchUrl(string u, string? host, out IndicatorHit h) { h = default; return false; }
        public bool IsBlacklistedPhone(ReadOnlySpan<char> d) => false;
    }
}
namespace Forewarn.Engine.Warnings
{
    using Forewarn.Engine.Indicators;
    public enum RiskLevel { Low = 1, Medium = 2, High = 3, Special = 4 }
    public static class RiskLevels { public static string ToWire(RiskLevel l) => ""; public static bool TryParse(string? s, out RiskLevel l) { l = default; return false; } public static string ChineseName(RiskLevel l) => ""; }
    public enum SignalType { Clue, Call, Sms, AppInstall, UrlVisit, Transfer, ScreenShare }
    public static class SignalTypes { public static string ToWire(SignalType t) => ""; public static bool TryParse(string? s, out SignalType t) { t = default; return false; } }
    public sealed record SignalFact(string SignalId, SignalType Type, DateTime OccurredAtUtc, IndicatorType? CounterpartyType, string? Counterparty, bool CounterpartyBlacklisted, int? DurationSeconds, long? AmountFen, RiskLevel? ClueLevel, bool ClueUrgent);
    public sealed record SubjectFacts(int? Age, bool EarlierVictim);
    public sealed record Reason(string RuleId, RiskLevel Level, IReadOnlyList<string> SignalIds, string Facts);
    public sealed record Classification(RiskLevel? Level, IReadOnlyList<Reason> Reasons, int RuleSetVersion);
    public sealed record RuleSet(int Version, IReadOnlyList<object> Rules) { public static RuleSet Default => null!; public static string ToJson(RuleSet r) => ""; public static RuleSet FromJson(string s) => null!; }
    public static class Classifier { public static Classification Evaluate(RuleSet r, SubjectFacts s, IReadOnlyList<SignalFact> f) => null!; }
    public static class Correlation { public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(72); public static bool Joins(DateTime a, DateTime b, TimeSpan w) => false; public static RiskLevel Raise(RiskLevel a, RiskLevel b) => a; public static bool IsRise(RiskLevel? a, RiskLevel b) => false; }
}
namespace Forewarn.Engine.Warnings
{
    public sealed record DryRunResult(int Unchanged);
    public static class RuleDryRun { public static DryRunResult Compare(RuleSet a, RuleSet b, IEnumerable<(SubjectFacts Subject, IReadOnlyList<SignalFact> Signals)> c) => null!; }
}

