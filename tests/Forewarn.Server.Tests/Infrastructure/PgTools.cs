using System.Diagnostics;
using System.Globalization;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>
/// PostgreSQL's client programs (<c>pg_dump</c>, <c>pg_restore</c>): Debian's <c>postgresql</c> package, which
/// <c>./test.sh</c> installs when it is missing, puts them in <c>/usr/lib/postgresql/N/bin</c>; the newest N is the one
/// test.sh runs the server from, so its pg_dump is never older than the server. Else whatever is on the PATH.
/// </summary>
public static class PgTools
{
    public static string Find(string program)
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin", program))
            : [];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, program));
        return versioned.Concat(onPath).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{program} not found: install Debian's postgresql package (./test.sh does).");
    }

    /// <summary>Runs a client program against the server of <paramref name="connectionString"/> (host, port, user) with more arguments.</summary>
    public static async Task<(int ExitCode, byte[] Output, string Errors)> RunAsync(string program, string connectionString, params string[] args)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(program),
            ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(builder.Password))
        {
            start.Environment["PGPASSWORD"] = builder.Password;
        }
        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, ct);
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await copy;
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, output.ToArray(), errors);
    }
}
