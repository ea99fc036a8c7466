using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Forewarn.Browser.Tests.DemoServer))]

namespace Forewarn.Browser.Tests;

/// <summary>
/// One real <c>forewarn demo --simulate=false</c> process on a free port with a fresh data folder, and Debian's Chromium
/// driven by Playwright, shared by the browser tests. Chromium missing is a failure, not a skip.
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    public const string Password = "Demo-Pass-2026";
    public const string ApiKey = "fw_demo_key_for_browser_tests";
    public const string ChromiumPath = "/usr/bin/chromium";

    private Process? _process;
    private readonly StringBuilder _output = new();
    private IPlaywright? _playwright;
    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _consoles = new();

    public string Url { get; } = $"http://127.0.0.1:{FreePort()}";

    public IBrowser Browser { get; private set; } = default!;

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is required at {ChromiumPath} (apt-get install chromium)");
        var data = Directory.CreateTempSubdirectory("forewarn-browser-").FullName;
        var start = new ProcessStartInfo("dotnet", ["forewarn.dll", "demo", "--simulate=false", "--urls", Url, "--data", data])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FOREWARN_DEMO_PASSWORD"] = Password;
        start.Environment["FOREWARN_DEMO_API_KEY"] = ApiKey;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        var ready = false;
        for (var i = 0; i < 360 && !ready && !_process.HasExited; i++)
        {
            try
            {
                ready = (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500);
            }
        }
        Assert.True(ready, "demo did not become healthy:\n" + Output);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    /// <summary>A fresh browser context (its own cookies) signed in as the given demo account.</summary>
    public async Task<IPage> SignInAsync(string username, string? lang = null, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Url, ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        // The browser's console goes beside the screenshots, to read when a script misbehaves.
        var log = Path.Combine(Screenshots, "console.log");
        var console = _consoles.GetOrAdd(page, _ => new());
        page.Console += (_, m) =>
        {
            console.Enqueue(m.Text);
            File.AppendAllText(log, $"{username} {m.Type}: {m.Text}\n");
        };
        page.PageError += (_, e) => File.AppendAllText(log, $"{username} error: {e}\n");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                File.AppendAllText(log, $"{username} {r.Status} {r.Url}\n");
            }
        };
        if (lang is not null)
        {
            await page.GotoAsync($"/culture?lang={lang}&back=/login");
        }
        await page.GotoAsync("/login");
        await page.FillAsync("input[name='Input.Username']", username);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.ClickAsync("form button[type=submit]");
        try
        {
            await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Seen now and then and not yet explained: say what the page and the server said.
            await ShotAsync(page, "sign-in-stuck-" + username);
            var alert = string.Join(" ", await page.Locator(".alert").AllInnerTextsAsync());
            var problems = System.Text.RegularExpressions.Regex.Split(Output, @"\n(?=\S)").Where(m => m.StartsWith("fail:", StringComparison.Ordinal)
                || m.StartsWith("crit:", StringComparison.Ordinal) || m.StartsWith("warn:", StringComparison.Ordinal)).TakeLast(5);
            throw new TimeoutException($"{username} is still on {page.Url} after signing in (alert: \"{alert}\"); the server's last warnings:\n{string.Join("\n", problems)}", e);
        }
        return page;
    }

    /// <summary>
    /// Fails if the browser refused anything on the page (over all its navigations so far) under our
    /// Content-Security-Policy, which runs no inline script or event handler: Chromium says so on the console.
    /// </summary>
    public void AssertNoCspViolation(IPage page)
    {
        Assert.True(_consoles.TryGetValue(page, out var console), "the page was not opened by SignInAsync");
        var refused = console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("Refused to execute", StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, "the browser refused under the CSP: " + string.Join("\n", refused));
    }

    /// <summary>Makes <c>window.print()</c> on the page's next documents count its calls in <c>window.__printed</c> instead of opening a dialog.</summary>
    public static Task StubPrintAsync(IPage page) =>
        page.AddInitScriptAsync("window.print = function () { window.__printed = (window.__printed || 0) + 1; };");

    /// <summary>How many times the current document called <c>window.print()</c> (see <see cref="StubPrintAsync"/>).</summary>
    public static Task<int> PrintedAsync(IPage page) => page.EvaluateAsync<int>("() => window.__printed || 0");

    /// <summary>Pushes one special-risk clue through the real intake with the demo source client's API key.</summary>
    public async Task<long> PushSpecialClueAsync(string externalId, string phone, string adminCode)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var body = $$"""[{"externalId":"{{externalId}}","type":"clue","occurredAt":"{{now}}","subject":{"phone":"{{phone}}","adminCode":"{{adminCode}}"},"level":"special"}]""";
        var response = await http.PostAsync("/api/v1/signals", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"intake answered {(int)response.StatusCode}: {text}");
        var id = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("warningId");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, id.ValueKind);
        return id.GetInt64();
    }

    /// <summary>An HTTP client calling the API as the given demo account, with a bearer token.</summary>
    public async Task<HttpClient> ApiClientAsync(string username)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        var body = $$"""{"username":"{{username}}","password":"{{Password}}"}""";
        var response = await http.PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token for {username}: {(int)response.StatusCode} {text}");
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString());
        return http;
    }

    /// <summary>Opens a case through the API as the given account; returns its id and series id.</summary>
    public async Task<(long Id, long SeriesId)> CreateCaseAsync(string username, string json)
    {
        using var http = await ApiClientAsync(username);
        var response = await http.PostAsync("/api/v1/cases", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"case: {(int)response.StatusCode} {text}");
        var root = System.Text.Json.JsonDocument.Parse(text).RootElement;
        return (root.GetProperty("id").GetInt64(), root.GetProperty("seriesId").GetInt64());
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static int FreePort()
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
}
