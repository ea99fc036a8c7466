using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Forewarn.Server.Tests.Features.Demo;

/// <summary>The README's first command, as a real process: <c>forewarn demo --simulate=false --urls … --data DIR</c>.</summary>
public sealed class DemoCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static int FreePort()
    {
        // Below Linux's ephemeral range (32768–60999), so no outgoing connection can take the port before the server binds it.
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
            }
        }
    }

    [Fact]
    public async Task Demo_serves_a_fresh_seeded_city_and_prints_the_accounts()
    {
        var data = Directory.CreateTempSubdirectory("forewarn-demo-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", ["forewarn.dll", "demo", "--simulate=false", "--urls", url, "--data", data])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FOREWARN_DEMO_PASSWORD"] = "Demo-Pass-2026";
        start.Environment["FOREWARN_DEMO_API_KEY"] = "fw_demo_key_for_the_test";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var ready = false;
            for (var i = 0; i < 240 && !ready && !process.HasExited; i++)
            {
                try
                {
                    ready = (await http.GetAsync("/healthz", Ct)).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500, Ct);
                }
            }
            if (!ready)
            {
                await Task.Delay(500, Ct);
                lock (output)
                {
                    Assert.Fail($"demo did not become healthy (exited: {process.HasExited}):\n{output}");
                }
            }

            var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "city.analyst", password = "Demo-Pass-2026" }, Ct))
                .Content.ReadFromJsonAsync<Infrastructure.ForewarnApp.TokenResponse>(Ct);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
            var districts = await http.GetFromJsonAsync<List<object>>("/api/v1/units?level=district", Ct);

            Assert.Equal(38, districts!.Count);
            Assert.True(File.Exists(Path.Combine(data, "forewarn.db")));
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }
            Assert.Contains(url, printed);
            Assert.Contains("Demo-Pass-2026", printed);
            Assert.Contains("yubei.dispatcher", printed);
            Assert.Contains("simulator:  off", printed);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
        }
    }
}
