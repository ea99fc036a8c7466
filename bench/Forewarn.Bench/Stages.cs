using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Forewarn.Engine;
using Forewarn.Engine.Indicators;
using Forewarn.Engine.Territory;
using Forewarn.Engine.Values;
using Forewarn.Engine.Warnings;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Forewarn.Bench;

/// <summary>The in-process stages and the raw baselines they are compared with, all measured in the same run.</summary>
internal static class Stages
{
    private const double Mb = 1024 * 1024;
    private const string StubNote = "engine looks stubbed (Blacklist.Count = 0), number meaningless";

    /// <summary>Builds the blacklist for the whole corpus and measures what it costs to hold.</summary>
    public static (Blacklist List, List<Result> Results) Memory(Corpus corpus)
    {
        var n = corpus.Scale.Indicators;
        var before = Settle();
        var workingSetBefore = Environment.WorkingSet;
        var clock = Stopwatch.StartNew();
        var list = Blacklist.Build(corpus.Entries(), Corpus.Now);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var managed = (Settle() - before) / Mb;
        var workingSet = Environment.WorkingSet / Mb;
        var workingSetDelta = workingSet - workingSetBefore / Mb;
        var hashSet = ManagedSizeOfHashSet(corpus) / Mb;

        var stubbed = list.Count == 0;
        var perMillion = managed * 1_000_000 / n;
        var projected = perMillion * 10;
        var results = new List<Result>
        {
            new("blacklist_build", n / buildSeconds, "indicators/s", Note: $"{n:N0} indicators in {buildSeconds:0.0} s; Count = {list.Count:N0}" + (stubbed ? "; " + StubNote : "")),
            new("memory_mb", managed, "MB", hashSet, "HashSet of the value strings", "≤ 2,048 MB at 10M indicators",
                stubbed ? null : projected <= 2048,
                $"managed, after full GC, for {n:N0} indicators; → {projected:N0} MB projected at 10M; process working set {workingSet:N0} MB (Δ {workingSetDelta:N0} MB)"
                + (stubbed ? "; " + StubNote : "")),
            new("memory_mb_per_million", perMillion, "MB per 1M indicators", hashSet * 1_000_000 / n, "HashSet of the value strings", "≤ 204.8",
                stubbed ? null : perMillion <= 204.8, stubbed ? StubNote : null),
        };
        return (list, results);
    }

    /// <summary>Reads the contacts file splitting lines and fields, nothing else: the floor for any CSV intake.</summary>
    public static Result ParseCsv(Corpus corpus)
    {
        var clock = Stopwatch.StartNew();
        long records = 0, fields = 0;
        using (var reader = new StreamReader(corpus.ContactsCsv, Encoding.UTF8, false, 1 << 16))
        {
            reader.ReadLine();
            while (reader.ReadLine() is { } line)
            {
                records++;
                fields += line.AsSpan().Count(',') + 1;
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var mbPerSecond = new FileInfo(corpus.ContactsCsv).Length / Mb / seconds;
        return new Result("raw_csv_parse", records / seconds, "records/s", Note: $"{records:N0} records, {fields:N0} fields, {mbPerSecond:N0} MB/s, 1 thread");
    }

    /// <summary>Raw set lookups of the counterparty strings as written, then the real normalise-and-match.</summary>
    public static List<Result> Match(Corpus corpus, Blacklist list)
    {
        var phones = corpus.ActivePhones().ToArray();
        var hashSet = new HashSet<string>(phones, StringComparer.Ordinal);
        var frozen = phones.ToFrozenSet(StringComparer.Ordinal);
        var keys = corpus.Counterparties;
        var warm = keys.AsSpan(0, Math.Min(keys.Length, 100_000)).ToArray();
        CountIn(warm, hashSet);
        CountIn(warm, frozen);
        CountMatches(warm, list);

        var (hashSeconds, hashHits) = Time(() => CountIn(keys, hashSet));
        var (frozenSeconds, _) = Time(() => CountIn(keys, frozen));
        var (matchSeconds, matchHits) = Time(() => CountMatches(keys, list));
        var raw = keys.Length / hashSeconds;
        var match = keys.Length / matchSeconds;
        var stubbed = list.Count == 0;
        return
        [
            new("lookup_hashset", raw, "lookups/s", Note: $"HashSet<string> of {phones.Length:N0} active phones; {hashHits:N0} hits (digits-only strings only)"),
            new("lookup_frozenset", keys.Length / frozenSeconds, "lookups/s", raw, "lookup_hashset"),
            new("match", match, "records/s", raw, "lookup_hashset", "≥ 0.5 × raw lookup", stubbed ? null : match / raw >= 0.5,
                $"IsBlacklistedPhone on digits, PhoneNumber.TryParse fallback; {matchHits:N0} hits, expected {corpus.ExpectedHits:N0}"
                + (matchHits == corpus.ExpectedHits ? "" : " — MISMATCH") + (stubbed ? "; " + StubNote : "")),
        ];
    }

    /// <summary>The server's hot path (ContactScan.IsHit): digits-only numbers are matched without allocating.</summary>
    public static bool IsHit(Blacklist list, ReadOnlySpan<char> counterparty) =>
        counterparty.ContainsAnyExceptInRange('0', '9')
            ? PhoneNumber.TryParse(counterparty.ToString(), out var phone) && list.TryMatch(IndicatorType.Phone, phone.Value, out _)
            : list.IsBlacklistedPhone(counterparty);

    /// <summary>
    /// "Which records' counterparty is in the blacklist" over the same two CSV files, in DuckDB and here.
    /// Warm: our blacklist is already built, DuckDB reads both files. Cold: we also read the indicators file and build.
    /// </summary>
    public static List<Result> VersusDuckDb(Corpus corpus, Blacklist list)
    {
        var (oursSeconds, oursHits) = Time(() => ScanAndMatch(corpus.ContactsCsv, list));
        var (coldSeconds, coldHits) = Time(() => ScanAndMatch(corpus.ContactsCsv, Blacklist.Build(ReadIndicators(corpus.IndicatorsCsv), Corpus.Now)));
        double duckSeconds;
        long duckHits;
        string threads;
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT current_setting('threads')";
            threads = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "?";
            command.CommandText = DuckDbJoin(corpus);
            (duckSeconds, duckHits) = Time(() => Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [Result.NotRun("vs_duckdb", "×", $"DuckDB failed: {e.GetType().Name}: {e.Message}", "≥ 1")];
        }

        var same = oursHits == duckHits && coldHits == oursHits;
        Console.WriteLine($"  hit count: ours {oursHits:N0}, cold {coldHits:N0}, DuckDB {duckHits:N0}, generator expected {corpus.ExpectedHits:N0} — "
            + (same ? "same" : "DIFFERENT"));
        var stubbed = list.Count == 0;
        var note = $"DuckDB {duckSeconds:0.00} s ({threads} threads) vs ours {{0:0.00}} s (1 thread); hits ours {oursHits:N0}, DuckDB {duckHits:N0}"
            + (same ? " (same)" : " — DIFFERENT") + (stubbed ? "; " + StubNote : "");
        return
        [
            new("vs_duckdb", duckSeconds / oursSeconds, "×", Goal: "≥ 1", Met: stubbed || !same ? null : duckSeconds / oursSeconds >= 1,
                Note: "DuckDB time ÷ ours, scan+match with the blacklist built; " + string.Format(CultureInfo.InvariantCulture, note, oursSeconds)),
            new("vs_duckdb_cold", duckSeconds / coldSeconds, "×",
                Note: "as vs_duckdb, ours also reading indicators.csv and building; " + string.Format(CultureInfo.InvariantCulture, note, coldSeconds)),
        ];
    }

    /// <summary>Classifier.Evaluate on small synthetic windows of one subject's signals.</summary>
    public static Result Classify(Scale scale)
    {
        var random = new Random(Corpus.Seed + 1);
        var windows = Enumerable.Range(0, 4_096).Select(w => Window(random, w)).ToArray();
        try
        {
            var rules = RuleSet.Default;
            long raised = 0, nulls = 0;
            void Run(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var (subject, signals) = windows[i & (windows.Length - 1)];
                    var classification = Classifier.Evaluate(rules, subject, signals);
                    if (classification is null)
                    {
                        nulls++;
                    }
                    else if (classification.Level is not null)
                    {
                        raised++;
                    }
                }
            }
            Run(10_000);
            var (seconds, _) = Time(() =>
            {
                Run(scale.ClassifyEvals);
                return 0L;
            });
            return new Result("classify", scale.ClassifyEvals / seconds, "evals/s",
                Note: $"{windows.Length:N0} windows of 1–6 signals, RuleSet.Default; {raised:N0} raised a level"
                + (nulls > 0 ? $"; Evaluate returned null {nulls:N0} times (engine stub?)" : ""));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Result.NotRun("classify", "evals/s", $"Classifier.Evaluate threw {e.GetType().Name} (engine stub?)");
        }
    }

    /// <summary>TerritoryIndex.Locate on random points inside Chongqing, against a linear scan of prepared districts.</summary>
    public static List<Result> Route(Scale scale)
    {
        IReadOnlyList<DistrictFeature> districts;
        TerritoryIndex index;
        var units = new List<(string Code, UnitLevel Level, Geometry Boundary)>();
        try
        {
            using (var geoJson = File.OpenRead(Repo.File("data", "territory", "chongqing", "districts.geojson")))
            {
                districts = BoundaryFile.Read(geoJson);
            }
            foreach (var district in districts)
            {
                units.Add((district.Code, UnitLevel.District, district.Boundary));
                var stations = SyntheticPartition.Split(district.Boundary, 20, int.Parse(district.Code, CultureInfo.InvariantCulture));
                units.AddRange(stations.Select((s, i) => (district.Code + (i + 1).ToString("D3", CultureInfo.InvariantCulture), UnitLevel.Station, s)));
            }
            index = new TerritoryIndex(units);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [Result.NotRun("route", "lookups/s", $"building the territory index threw {e.GetType().Name} (engine stub?)")];
        }

        var prepared = districts.Select(d => PreparedGeometryFactory.Prepare(d.Boundary)).ToArray();
        var envelope = new Envelope();
        foreach (var d in districts)
        {
            envelope.ExpandToInclude(d.Boundary.EnvelopeInternal);
        }
        var random = new Random(Corpus.Seed + 2);
        var factory = new GeometryFactory();
        var points = new List<Point>(scale.RoutePoints);
        while (points.Count < scale.RoutePoints)
        {
            var point = factory.CreatePoint(new Coordinate(
                envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height));
            if (prepared.Any(p => p.Contains(point)))
            {
                points.Add(point);
            }
        }
        var scanPoints = points.Take(Math.Min(points.Count, 50_000)).ToArray();
        var (scanSeconds, _) = Time(() => scanPoints.LongCount(p => prepared.Any(d => d.Contains(p))));
        var (seconds, located) = Time(() => points.LongCount(p => index.Locate(p.Y, p.X) is not null));
        var rate = points.Count / seconds;
        return
        [
            new("route", rate, "lookups/s", scanPoints.Length / scanSeconds, "linear scan of prepared districts",
                Note: $"{units.Count:N0} units ({districts.Count} districts + synthetic stations); {located:N0} of {points.Count:N0} located"
                + (located == 0 ? " (engine stub?)" : "")),
        ];
    }

    /// <summary>Batched SQLite inserts in transactions: a two-column table, then signal-shaped rows with their unique index.</summary>
    public static List<Result> Sqlite(Corpus corpus)
    {
        var rows = corpus.Scale.SqliteRows;
        var lines = File.ReadLines(corpus.ContactsCsv).Skip(1).Take(rows).Select(l => l.Split(',')).ToArray();
        var raw = Insert(Path.Combine(corpus.Folder, "raw.db"),
            "CREATE TABLE raw (id INTEGER PRIMARY KEY, value TEXT NOT NULL)",
            "INSERT INTO raw (id, value) VALUES ($p0, $p1)",
            lines.Length, (i, p) =>
            {
                p[0].Value = i;
                p[1].Value = lines[i][1];
            }, 2);
        var persist = Insert(Path.Combine(corpus.Folder, "signals.db"),
            """
            CREATE TABLE signals (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL, external_id TEXT NOT NULL, type TEXT NOT NULL,
                occurred_at TEXT NOT NULL, subject_phone TEXT NOT NULL, counterparty_type TEXT, counterparty TEXT, duration_seconds INTEGER,
                warning_id INTEGER, received_at TEXT NOT NULL, raw TEXT NOT NULL);
            CREATE UNIQUE INDEX ix_signals_client_external ON signals (client_id, external_id);
            CREATE INDEX ix_signals_subject ON signals (subject_phone, occurred_at);
            """,
            """
            INSERT INTO signals (client_id, external_id, type, occurred_at, subject_phone, counterparty_type, counterparty, duration_seconds,
                warning_id, received_at, raw) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10)
            """,
            lines.Length, (i, p) =>
            {
                var f = lines[i];
                p[0].Value = 1;
                p[1].Value = "contact-" + i.ToString("x8", CultureInfo.InvariantCulture);
                p[2].Value = f[2];
                p[3].Value = f[3];
                p[4].Value = f[0];
                p[5].Value = "phone";
                p[6].Value = f[1];
                p[7].Value = f[4].Length > 0 ? int.Parse(f[4], CultureInfo.InvariantCulture) : DBNull.Value;
                p[8].Value = DBNull.Value;
                p[9].Value = "2026-11-29T00:00:00Z";
                p[10].Value = string.Join(',', f);
            }, 11);
        const string settings = "WAL, synchronous=FULL (as the server), 10,000 rows per transaction";
        return
        [
            new("raw_sqlite_insert", raw, "rows/s", Note: $"{rows:N0} rows (id, value); {settings}"),
            new("persist", persist, "rows/s", raw, "raw_sqlite_insert", Note: $"{rows:N0} signal-shaped rows, 12 columns, unique + subject indexes; {settings}"),
        ];
    }

    private static double Insert(string path, string create, string insert, int rows, Action<int, SqliteParameter[]> bind, int parameterCount)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " + create;
            setup.ExecuteNonQuery();
        }
        const int batch = 10_000;
        var clock = Stopwatch.StartNew();
        using var command = connection.CreateCommand();
        command.CommandText = insert;
        var parameters = Enumerable.Range(0, parameterCount).Select(i => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        for (var start = 0; start < rows; start += batch)
        {
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            for (var i = start; i < Math.Min(rows, start + batch); i++)
            {
                bind(i, parameters);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static string DuckDbJoin(Corpus corpus)
    {
        static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
        var now = Corpus.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        // The same normalisation the corpus needs: drop '+', '-' and spaces, then a leading 86 of a 13-digit number.
        return $"""
            WITH blacklist AS (
                SELECT value FROM read_csv({Quote(corpus.IndicatorsCsv)}, header = true, all_varchar = true)
                WHERE type = 'phone' AND status <> 'whitelisted' AND (expiresAt IS NULL OR expiresAt > '{now}')),
            contacts AS (
                SELECT translate(counterparty, '+- ', '') AS d FROM read_csv({Quote(corpus.ContactsCsv)}, header = true, all_varchar = true))
            SELECT count(*) FROM contacts
            WHERE (CASE WHEN length(d) = 13 AND starts_with(d, '86') THEN substr(d, 3) ELSE d END) IN (SELECT value FROM blacklist)
            """;
    }

    private static long ScanAndMatch(string path, Blacklist list)
    {
        long hits = 0;
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 16);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var rest = line.AsSpan(line.IndexOf(',', StringComparison.Ordinal) + 1);
            var end = rest.IndexOf(',');
            if (IsHit(list, end < 0 ? rest : rest[..end]))
            {
                hits++;
            }
        }
        return hits;
    }

    private static IEnumerable<IndicatorEntry> ReadIndicators(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 16);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            yield return new IndicatorEntry(Enum.Parse<IndicatorType>(f[0], true), f[1], Enum.Parse<IndicatorStatus>(f[2], true), f[3],
                double.Parse(f[4], CultureInfo.InvariantCulture),
                f[5].Length == 0 ? null : DateTime.Parse(f[5], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        }
    }

    private static long CountIn(string[] keys, HashSet<string> set)
    {
        long hits = 0;
        foreach (var key in keys)
        {
            if (set.Contains(key))
            {
                hits++;
            }
        }
        return hits;
    }

    private static long CountIn(string[] keys, FrozenSet<string> set)
    {
        long hits = 0;
        foreach (var key in keys)
        {
            if (set.Contains(key))
            {
                hits++;
            }
        }
        return hits;
    }

    private static long CountMatches(string[] keys, Blacklist list)
    {
        long hits = 0;
        foreach (var key in keys)
        {
            if (IsHit(list, key))
            {
                hits++;
            }
        }
        return hits;
    }

    private static long ManagedSizeOfHashSet(Corpus corpus)
    {
        var before = Settle();
        var set = new HashSet<string>(corpus.Entries().Select(e => e.Value), StringComparer.Ordinal);
        var bytes = Settle() - before;
        GC.KeepAlive(set);
        return bytes;
    }

    private static (SubjectFacts Subject, IReadOnlyList<SignalFact> Signals) Window(Random random, int w)
    {
        SignalType[] types = [SignalType.Call, SignalType.Call, SignalType.Sms, SignalType.AppInstall, SignalType.UrlVisit, SignalType.Transfer,
            SignalType.ScreenShare, SignalType.Clue];
        var subject = new SubjectFacts(random.Next(10) == 0 ? null : random.Next(16, 90), random.Next(20) == 0);
        var at = Corpus.Now.AddHours(-random.Next(72));
        var signals = new SignalFact[random.Next(1, 7)];
        for (var i = 0; i < signals.Length; i++)
        {
            var type = types[random.Next(types.Length)];
            at = at.AddMinutes(random.Next(1, 600));
            (IndicatorType? kind, string? value) = type switch
            {
                SignalType.Call or SignalType.Sms => (IndicatorType.Phone, "1701234" + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture)),
                SignalType.AppInstall or SignalType.ScreenShare => (IndicatorType.App, "com.fraud.app" + random.Next(1_000)),
                SignalType.UrlVisit => (IndicatorType.Url, "https://pay-" + random.Next(1_000) + ".example-fraud.cn/login"),
                SignalType.Transfer => (IndicatorType.Account, "6217" + random.NextInt64(1_000_000_000_000_000).ToString("D15", CultureInfo.InvariantCulture)),
                _ => ((IndicatorType?)null, (string?)null),
            };
            signals[i] = new SignalFact($"w{w}-s{i}", type, at, kind, value, kind is not null && random.Next(10) < 3,
                type == SignalType.Call ? random.Next(1_800) : null,
                type == SignalType.Transfer ? random.Next(100, 5_000_000) * 100L : null,
                type == SignalType.Clue ? (RiskLevel)random.Next(1, 5) : null,
                type == SignalType.Clue && random.Next(10) == 0);
        }
        return (subject, signals);
    }

    private static (double Seconds, long Result) Time(Func<long> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        return (clock.Elapsed.TotalSeconds, result);
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>Finds files of the repository the bench runs from.</summary>
internal static class Repo
{
    public static string? Root { get; } = FindRoot();

    public static string File(params string[] parts) =>
        Path.Combine([Root ?? throw new DirectoryNotFoundException("Forewarn.slnx not found above the working directory"), .. parts]);

    private static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Forewarn.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}
