using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Forewarn.Bench;

/// <summary>
/// <c>forewarn demo</c> as a child process on a free loopback port with a fresh data folder. Killed (with its
/// process tree) when disposed, and also if the bench itself exits or is interrupted first.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly StreamWriter? _log;
    private readonly Queue<string> _tail = new();
    private bool _closed;

    private ServerProcess(Process? process, StreamWriter? log, string url, string logPath)
    {
        _process = process;
        _log = log;
        Url = url;
        LogPath = logPath;
    }

    public string Url { get; }

    public string LogPath { get; }

    public string? Failure { get; private set; }

    public double StartSeconds { get; private set; }

    /// <summary>CPU seconds the server process has used so far.</summary>
    public double CpuSeconds
    {
        get
        {
            _process?.Refresh();
            return _process?.TotalProcessorTime.TotalSeconds ?? 0;
        }
    }

    public static async Task<ServerProcess> StartAsync(string dll, string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var url = $"http://127.0.0.1:{FreePort()}";
        var logPath = Path.Combine(dataFolder, "server.log");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in new[] { dll, "demo", "--simulate=false", "--urls", url, "--data", dataFolder })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["FOREWARN_DEMO_PASSWORD"] = HttpStages.Password;
        info.Environment["FOREWARN_DEMO_API_KEY"] = HttpStages.ApiKey;
        // Request logging at 5,000/s would measure the console, not the server.
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        var log = new StreamWriter(logPath) { AutoFlush = true };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            await log.DisposeAsync();
            return new ServerProcess(null, null, url, logPath) { Failure = $"could not start dotnet {dll}: {e.Message}" };
        }
        var server = new ServerProcess(process, log, url, logPath);
        Running = process;
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                await Task.Delay(200);
                server.Failure = $"the server exited with code {process.ExitCode} during startup: {server.LastError()} (log: {logPath}; run with --keep to keep it)";
                return server;
            }
            try
            {
                using var response = await probe.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    server.StartSeconds = clock.Elapsed.TotalSeconds;
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        server.Failure = $"/healthz did not answer 200 within 3 min (log: {logPath})";
        return server;
    }

    /// <summary>The server process while one runs, so that exit and Ctrl+C handlers can kill it.</summary>
    public static Process? Running { get; private set; }

    public static void KillRunning()
    {
        try
        {
            if (Running is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            KillRunning();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine($"  warning: server process {_process.Id} did not exit within 15 s of being killed");
            }
            Running = null;
            _process.Dispose();
        }
        if (_log is not null)
        {
            lock (_tail)
            {
                _closed = true;
                _log.Dispose();
            }
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            if (_closed)
            {
                return;
            }
            _log?.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>The exception line of the log's tail, or its last line.</summary>
    private string LastError()
    {
        lock (_tail)
        {
            var lines = _tail.ToArray();
            var error = lines.FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "(no output)";
            error = error.Trim();
            return error.Length > 240 ? error[..240] + "…" : error;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
