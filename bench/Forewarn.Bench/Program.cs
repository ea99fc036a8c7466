using System.Diagnostics;
using Forewarn.Bench;

// dotnet run -c Release --project bench/Forewarn.Bench -- [--quick] [--json FILE] [--server PATH/forewarn.dll] [--keep]
//     [--only memory,match,duckdb,persist,series,server,scaleout]
var quick = args.Contains("--quick");
var only = ValueOf("--only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
var json = ValueOf("--json");
var serverDll = ValueOf("--server");
var keep = args.Contains("--keep");
var scale = quick ? Scale.Quick : Scale.Full;

AppDomain.CurrentDomain.ProcessExit += (_, _) => ServerProcess.KillRunning();
Console.CancelKeyPress += (_, _) => ServerProcess.KillRunning();

var folder = Path.Combine(Path.GetTempPath(), $"forewarn-bench-{Environment.ProcessId}");
Directory.CreateDirectory(folder);
var total = Stopwatch.StartNew();
var report = new Report(scale.Mode);
try
{
    Console.WriteLine($"Forewarn bench, {scale.Mode} mode: {scale.Indicators:N0} indicators, {scale.Records:N0} contact records at a {scale.HitRate:P1} hit rate");
    // The scale-out stage makes its own input: no corpus when it runs alone.
    Corpus corpus = null!;
    if (Wanted("memory", "match", "duckdb", "persist", "series", "server"))
    {
        Console.WriteLine($"corpus → {folder}");
        var clock = Stopwatch.StartNew();
        corpus = Corpus.Write(folder, scale);
        Console.WriteLine($"  written in {clock.Elapsed.TotalSeconds:0.0} s: {corpus.ExpectedHits:N0} hit records on {corpus.HitTargets.Count:N0} phones; " +
            $"{new FileInfo(corpus.IndicatorsCsv).Length / 1048576.0:N0} MB indicators, {new FileInfo(corpus.ContactsCsv).Length / 1048576.0:N0} MB contacts");
    }

    var (blacklist, memory) = Wanted("memory", "match", "duckdb") ? Stages.Memory(corpus) : default;
    if (Wanted("memory"))
    {
        Section("memory");
        report.AddRange(memory);
    }
    var parse = Wanted("match", "server") ? Stages.ParseCsv(corpus) : null;
    if (Wanted("match"))
    {
        Section("baselines and match");
        report.Add(parse!);
        report.AddRange(Stages.Match(corpus, blacklist!));
    }
    if (Wanted("duckdb"))
    {
        Section("DuckDB");
        report.AddRange(Stages.VersusDuckDb(corpus, blacklist!));
    }
    GC.KeepAlive(blacklist);
    if (Wanted("persist"))
    {
        Section("classify, route, persist");
        report.Add(Stages.Classify(scale));
        report.AddRange(Stages.Route(scale));
        report.AddRange(Stages.Sqlite(corpus));
    }
    if (Wanted("series"))
    {
        Section("series linking");
        report.AddRange(SeriesStages.Run(scale));
    }
    if (Wanted("server"))
    {
        Section("server (loopback)");
        report.AddRange(await HttpStages.RunAsync(corpus, serverDll, parse!.Value));
    }
    if (Wanted("scaleout"))
    {
        Section("scale-out (web → JetStream → workers, PostgreSQL)");
        report.AddRange(await ScaleOutStage.RunAsync(serverDll, quick, folder));
    }
}
finally
{
    ServerProcess.KillRunning();
    if (!keep)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.WriteLine($"could not delete {folder}: {e.Message}");
        }
    }
}

Console.WriteLine();
Console.WriteLine(report.Markdown());
Console.WriteLine($"total {total.Elapsed.TotalSeconds:0} s");
if (json is not null)
{
    report.WriteJson(json);
    Console.WriteLine($"JSON → {json}");
}
return 0;

bool Wanted(params string[] sections) => only is null || sections.Any(only.Contains);

string? ValueOf(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static void Section(string name) => Console.WriteLine($"— {name}");
