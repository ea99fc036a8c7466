using System.Diagnostics;
using System.Text;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>Runs the real <c>forewarn</c> executable (the build beside the tests) with arguments, capturing its output.</summary>
public static class ForewarnProcess
{
    public static ProcessStartInfo StartInfo(params string[] args) => new("dotnet", ["forewarn.dll", .. args])
    {
        WorkingDirectory = AppContext.BaseDirectory,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs it with more environment variables (e.g. <c>Forewarn__Database__ConnectionString</c>).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(args);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Copies the test app's keys into <c>DIR/keys</c>, where <c>--data DIR</c> looks for them.</summary>
    public static void CopyKeys(ForewarnApp app, string dataDir)
    {
        var keys = Directory.CreateDirectory(Path.Combine(dataDir, "keys")).FullName;
        foreach (var name in new[] { "signing.key", "lookup.key", "audit.key" })
        {
            // Keys are made on first use: a run that never needed one has none to copy.
            if (File.Exists(Path.Combine(app.Folder, name)))
            {
                File.Copy(Path.Combine(app.Folder, name), Path.Combine(keys, name), overwrite: true);
            }
        }
        File.Copy(ForewarnApp.SharedDataKeys, Path.Combine(keys, "data-keys.json"), overwrite: true);
    }
}
