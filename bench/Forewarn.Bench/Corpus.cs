using System.Globalization;
using System.Text;
using Forewarn.Engine.Indicators;

namespace Forewarn.Bench;

/// <summary>How big a run is. Full is sized like a city; quick keeps the same shape at a tenth of the size.</summary>
internal sealed record Scale(string Mode, int Indicators, int Records, double HitRate, int SqliteRows, int ClassifyEvals, int RoutePoints,
    int HttpIndicators, int SignalRate, int SignalSeconds)
{
    public static Scale Quick { get; } = new("quick", 1_000_000, 2_000_000, 0.001, 200_000, 500_000, 200_000, 20_000, 5_000, 5);

    public static Scale Full { get; } = new("full", 10_000_000, 20_000_000, 0.001, 2_000_000, 2_000_000, 1_000_000, 200_000, 5_000, 20);
}

/// <summary>
/// The seeded synthetic corpus. Indicator <c>i</c> is a pure function of <c>i</c> (so any subset can be regenerated
/// for the HTTP import); contact records come from one seeded <see cref="Random"/> and are written once.
/// Blacklisted phones use virtual-carrier prefixes (170/171/165/167) and clean numbers ordinary ones, so a record
/// is a hit only when the generator chose it to be, and the expected hit count is known exactly.
/// </summary>
internal sealed class Corpus
{
    public const int Seed = 20_261_129;

    /// <summary>The "now" of the in-process blacklist. Expiries are 2020 or 2099, so any real clock agrees with it.</summary>
    public static readonly DateTime Now = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public const string ContactsHeader = "subscriber,counterparty,kind,at,durationSeconds";

    public const string IndicatorsHeader = "type,value,status,source,confidence,expiresAt";

    private static readonly string[] BlacklistPrefixes = ["170", "171", "165", "167"];
    private static readonly string[] CleanPrefixes = ["138", "139", "150", "186", "189", "135", "158", "133"];
    private static readonly string[] Sources = ["12381", "bank", "carrier", "police", "report"];
    private static readonly DateTimeOffset FirstContact = new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private Corpus(string folder, Scale scale)
    {
        Folder = folder;
        Scale = scale;
    }

    public string Folder { get; }

    public Scale Scale { get; }

    public string IndicatorsCsv => Path.Combine(Folder, "indicators.csv");

    public string ContactsCsv => Path.Combine(Folder, "contacts.csv");

    /// <summary>The counterparty field of every record, in file order, as written.</summary>
    public string[] Counterparties { get; private set; } = [];

    /// <summary>Records whose counterparty is an active blacklisted phone (some written with +86, spaces or dashes).</summary>
    public long ExpectedHits { get; private set; }

    /// <summary>Indicator indexes of the phones the records hit, each once.</summary>
    public IReadOnlyList<long> HitTargets { get; private set; } = [];

    public long PhoneCount => PhonesBelow(Scale.Indicators);

    public static Corpus Write(string folder, Scale scale)
    {
        var corpus = new Corpus(folder, scale);
        corpus.WriteIndicators();
        corpus.WriteContacts();
        return corpus;
    }

    /// <summary>All indicators, in index order, exactly as in <see cref="IndicatorsCsv"/>.</summary>
    public IEnumerable<IndicatorEntry> Entries()
    {
        for (long i = 0; i < Scale.Indicators; i++)
        {
            yield return Indicator(i);
        }
    }

    /// <summary>The values of the active phone indicators: what a raw set lookup is measured against.</summary>
    public IEnumerable<string> ActivePhones()
    {
        for (long k = 0; k < PhoneCount; k++)
        {
            var entry = Indicator(PhoneIndex(k));
            if (IsActive(entry))
            {
                yield return entry.Value;
            }
        }
    }

    public static bool IsActive(IndicatorEntry e) => e.Status != IndicatorStatus.Whitelisted && (e.ExpiresAtUtc is null || e.ExpiresAtUtc > Now);

    public static IndicatorEntry Indicator(long i)
    {
        var h = Mix(i);
        var type = TypeOf(i);
        var status = (h % 100) switch
        {
            < 2 => IndicatorStatus.Whitelisted,
            < 40 => IndicatorStatus.Confirmed,
            _ => IndicatorStatus.Suspected,
        };
        DateTime? expires = ((h >> 8) % 100) switch
        {
            < 3 => new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            < 8 => new DateTime(2099, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            _ => null,
        };
        var confidence = 0.5 + ((h >> 16) % 50) / 100.0;
        return new IndicatorEntry(type, ValueOf(type, i), status, Sources[(h >> 24) % (ulong)Sources.Length], confidence, expires);
    }

    public static string CsvLine(IndicatorEntry e) => string.Create(CultureInfo.InvariantCulture,
        $"{Wire(e.Type)},{e.Value},{Wire(e.Status)},{e.Source},{e.Confidence:0.00},{e.ExpiresAtUtc:yyyy-MM-ddTHH:mm:ssZ}");

    public static string Wire<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>Indicator types by <c>i % 100</c>: 60% phone, 15% account, 10% URL, 5% domain, 4% app, 4% IM, 2% IP.</summary>
    private static IndicatorType TypeOf(long i) => (i % 100) switch
    {
        < 60 => IndicatorType.Phone,
        < 75 => IndicatorType.Account,
        < 85 => IndicatorType.Url,
        < 90 => IndicatorType.Domain,
        < 94 => IndicatorType.App,
        < 98 => IndicatorType.Im,
        _ => IndicatorType.Ip,
    };

    private static long PhonesBelow(long indicators) => indicators / 100 * 60 + Math.Min(indicators % 100, 60);

    /// <summary>The indicator index of the k-th phone.</summary>
    private static long PhoneIndex(long k) => k / 60 * 100 + k % 60;

    private static string ValueOf(IndicatorType type, long i) => type switch
    {
        IndicatorType.Phone => PhoneValue(PhoneOrdinal(i)),
        IndicatorType.Account => string.Create(CultureInfo.InvariantCulture, $"6217{i:D15}"),
        IndicatorType.Url => string.Create(CultureInfo.InvariantCulture, $"https://pay-{i:x}.example-fraud.cn/login"),
        IndicatorType.Domain => string.Create(CultureInfo.InvariantCulture, $"shop-{i:x}.example-fraud.cn"),
        IndicatorType.App => string.Create(CultureInfo.InvariantCulture, $"com.fraud.app{i}"),
        IndicatorType.Im => string.Create(CultureInfo.InvariantCulture, $"wxid_{i:x}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"),
    };

    private static long PhoneOrdinal(long i) => i / 100 * 60 + i % 100;

    /// <summary>
    /// A distinct mobile number per ordinal: the prefix cycles, and the 8-digit suffix is the ordinal times 3^18
    /// modulo 10^8 — a bijection, as 3^18 is coprime with 10.
    /// </summary>
    private static string PhoneValue(long k)
    {
        var suffix = (k / BlacklistPrefixes.Length * 387_420_489L + 12_345_678L) % 100_000_000L;
        return string.Create(CultureInfo.InvariantCulture, $"{BlacklistPrefixes[k % BlacklistPrefixes.Length]}{suffix:D8}");
    }

    private static ulong Mix(long i)
    {
        // SplitMix64 finaliser: a fixed, well-spread function of the index and the seed.
        var z = unchecked((ulong)i + 0x9E3779B97F4A7C15UL * Seed);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private void WriteIndicators()
    {
        using var writer = new StreamWriter(IndicatorsCsv, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(IndicatorsHeader);
        foreach (var entry in Entries())
        {
            writer.WriteLine(CsvLine(entry));
        }
    }

    private void WriteContacts()
    {
        var random = new Random(Seed);
        var counterparties = new string[Scale.Records];
        var targets = new HashSet<long>();
        long hits = 0;
        using var writer = new StreamWriter(ContactsCsv, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(ContactsHeader);
        for (var r = 0; r < Scale.Records; r++)
        {
            var subscriber = CleanMobile(random);
            string counterparty;
            if (random.NextDouble() < Scale.HitRate)
            {
                long index;
                do
                {
                    index = PhoneIndex(random.NextInt64(PhoneCount));
                }
                while (!IsActive(Indicator(index)));
                targets.Add(index);
                hits++;
                counterparty = Indicator(index).Value;
            }
            else
            {
                counterparty = random.Next(20) == 0 ? string.Create(CultureInfo.InvariantCulture, $"0236{random.Next(10_000_000):D7}") : CleanMobile(random);
            }
            // 2% written as people do, so the parse fallback is exercised.
            counterparty = random.Next(50) switch
            {
                0 when counterparty.Length == 11 => $"+86 {counterparty[..3]}-{counterparty[3..7]}-{counterparty[7..]}",
                1 when counterparty.Length == 11 => $"{counterparty[..3]} {counterparty[3..7]} {counterparty[7..]}",
                _ => counterparty,
            };
            counterparties[r] = counterparty;
            var call = random.Next(5) != 0;
            var at = FirstContact.AddSeconds(random.Next(30 * 86_400));
            var duration = call ? random.Next(1_800).ToString(CultureInfo.InvariantCulture) : "";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{subscriber},{counterparty},{(call ? "call" : "sms")},{at:yyyy-MM-ddTHH:mm:sszzz},{duration}"));
        }
        Counterparties = counterparties;
        ExpectedHits = hits;
        HitTargets = [.. targets.Order()];
    }

    private static string CleanMobile(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{CleanPrefixes[random.Next(CleanPrefixes.Length)]}{random.Next(100_000_000):D8}");
}
