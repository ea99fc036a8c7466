using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>A browser-less web UI session: keeps cookies, posts the server-rendered forms with their antiforgery token.</summary>
public sealed partial class WebForms(ForewarnApp app) : IDisposable
{
    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpResponseMessage> GetAsync(string path) => await Http.GetAsync(path);

    /// <summary>Loads <paramref name="page"/>, then submits its form <paramref name="formName"/> with these fields.</summary>
    public async Task<HttpResponseMessage> PostAsync(string page, string formName, params (string Name, string Value)[] fields)
    {
        var html = await (await Http.GetAsync(page)).Content.ReadAsStringAsync();
        var token = Token().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var body = new List<KeyValuePair<string, string>> { new("_handler", formName), new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)) };
        body.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await Http.PostAsync(page, new FormUrlEncodedContent(body));
    }

    public async Task<HttpResponseMessage> SignInAsync(string user, string password = ForewarnApp.Password, string? code = null) =>
        await PostAsync("/login", "login", ("Input.Username", user), ("Input.Password", password), ("Input.Code", code ?? ""));

    /// <summary>The page's text with entities decoded (the renderer encodes every Chinese character).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => Http.Dispose();
}
