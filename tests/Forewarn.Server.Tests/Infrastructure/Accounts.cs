using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Engine.Security;
using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>Accounts made for one test: plain staff (who must enrol the second factor) and their sign-ins.</summary>
public static class Accounts
{
    public static async Task<string> NewUserAsync(this ForewarnApp app, string role, string unitCode = "500112011", string unitPath = "500000/500112/500112011/", bool demo = false)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var name = "u." + Guid.NewGuid().ToString("N")[..10];
        var user = new AppUser { UserName = name, DisplayName = name, UnitCode = unitCode, UnitPath = unitPath, IsDemo = demo };
        Assert.True((await users.CreateAsync(user, ForewarnApp.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return name;
    }

    public static async Task<HttpResponseMessage> SignInAsync(this ForewarnApp app, string user, string password = ForewarnApp.Password, string? totp = null)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password, totp });
    }

    public static HttpClient Bearer(this ForewarnApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> TokenOf(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in, enrols the second factor through the API, and returns the secret, a working token and the step used.</summary>
    public static async Task<(byte[] Secret, string Token, long Step)> EnrolAsync(this ForewarnApp app, string user)
    {
        using var restricted = app.Bearer(await TokenOf(await app.SignInAsync(user)));
        var enrolment = await (await restricted.PostAsync("/api/v1/auth/totp", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = FromBase32(enrolment.GetProperty("secret").GetString()!);
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        var confirmed = await restricted.PostAsJsonAsync("/api/v1/auth/totp/confirm", new { code = Totp.Code(secret, step) });
        return (secret, await TokenOf(confirmed), step);
    }

    public static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
