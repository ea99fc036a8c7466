using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Identity;

public abstract class SignInTests(ForewarnApp app) : ProviderTests(app)
{
    private async Task<string> NewUserAsync(bool mustChangePassword = false, string role = Roles.StationOfficer)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var name = "t." + Guid.NewGuid().ToString("N")[..10];
        var user = new AppUser
        {
            UserName = name, DisplayName = name, UnitCode = "500112011", UnitPath = "500000/500112/500112011/", MustChangePassword = mustChangePassword,
            // These tests are about passwords and sessions; the second factor has its own (TotpTests).
            IsDemo = true,
        };
        Assert.True((await users.CreateAsync(user, ForewarnApp.Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return name;
    }

    private async Task<HttpResponseMessage> SignIn(string user, string password)
    {
        using var client = App.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password }, Ct);
    }

    [Fact]
    public async Task Demo_account_gets_a_bearer_token_with_expiry()
    {
        var response = await SignIn("yubei.dispatcher", ForewarnApp.Password);
        var token = await response.Content.ReadFromJsonAsync<ForewarnApp.TokenResponse>(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(token!.AccessToken));
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        var user = await NewUserAsync();
        var wrong = await SignIn(user, "not-the-password");
        var unknown = await SignIn("nobody." + Guid.NewGuid().ToString("N"), "whatever-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.Content.ReadAsStringAsync(Ct)).Length, (await unknown.Content.ReadAsStringAsync(Ct)).Length);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var user = await NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(user, "wrong-" + i)).StatusCode);
        }
        var locked = await SignIn(user, ForewarnApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Bootstrap_admin_must_change_the_password_before_anything_else()
    {
        var user = await NewUserAsync(mustChangePassword: true, role: Roles.SystemAdmin);
        var first = await (await SignIn(user, ForewarnApp.Password)).Content.ReadFromJsonAsync<ForewarnApp.TokenResponse>(Ct);
        Assert.True(first!.MustChangePassword);

        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/units", Ct)).StatusCode);

        var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = ForewarnApp.Password, newPassword = "Changed-Pass-2026" }, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var second = await changed.Content.ReadFromJsonAsync<ForewarnApp.TokenResponse>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second!.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/units", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(user, "Changed-Pass-2026")).StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_reasons()
    {
        var user = await NewUserAsync(mustChangePassword: true);
        var token = await (await SignIn(user, ForewarnApp.Password)).Content.ReadFromJsonAsync<ForewarnApp.TokenResponse>(Ct);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var response = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = ForewarnApp.Password, newPassword = "short" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_sessions_at_once()
    {
        var user = await NewUserAsync();
        var token = await (await SignIn(user, ForewarnApp.Password)).Content.ReadFromJsonAsync<ForewarnApp.TokenResponse>(Ct);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/units", Ct)).StatusCode);

        using var admin = await App.ClientFor("system.admin");
        using var officer = await App.ClientFor("longxi.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/v1/users/{user}/disable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{user}/disable", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/units", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(user, ForewarnApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{user}/enable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(user, ForewarnApp.Password)).StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        using var client = await App.ClientFor("city.analyst");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/units", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_key_is_401_and_a_source_client_cannot_read_staff_endpoints()
    {
        using var unknown = App.SourceClient("fw_not_a_key");
        using var known = App.SourceClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/v1/units", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await known.GetAsync("/api/v1/units", Ct)).StatusCode);
    }

    [Fact]
    public async Task Health_and_openapi_are_served()
    {
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/territory/resolve", openApi);
    }
}

public sealed class SignInTests_Sqlite(SqliteApp app) : SignInTests(app);

public sealed class SignInTests_Postgres(PostgresApp app) : SignInTests(app);
