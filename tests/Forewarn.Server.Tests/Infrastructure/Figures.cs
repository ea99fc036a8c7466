using System.Globalization;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>
/// The security tests' figures (executions, crashes, hangs, 5xx, plaintext hits, leaked rows, lost writes…) in one
/// recognisable line, <c>figures: WHAT: key=value, …</c>, written to the test's output and to the console, so a run's
/// TRX report or log can be searched for <c>figures:</c> (the README's "Security figures" come from there). With
/// <c>FOREWARN_FIGURES_FILE</c> set, the lines are appended to that file as well.
/// </summary>
public static class Figures
{
    public static string Line(string what, params (string Key, object Value)[] figures) =>
        $"figures: {what}: " + string.Join(", ", figures.Select(f => f.Key + "=" + Convert.ToString(f.Value, CultureInfo.InvariantCulture)));

    public static void Report(string what, params (string Key, object Value)[] figures)
    {
        var line = Line(what, figures);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable("FOREWARN_FIGURES_FILE") is { Length: > 0 } file)
        {
            lock (FileLock)
            {
                File.AppendAllText(file, $"{TimeProvider.System.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ} {line}\n");
            }
        }
    }

    private static readonly Lock FileLock = new();

    /// <summary>A positive whole number from an environment variable (a full run's size), else the CI default.</summary>
    public static int FromEnvironment(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
