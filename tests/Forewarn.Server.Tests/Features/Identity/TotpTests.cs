using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Engine.Security;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Identity;

public abstract class TotpTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Staff_without_a_second_factor_must_enrol_before_anything_else()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer);
        var first = await (await App.SignInAsync(user)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(first.GetProperty("mustEnrolTotp").GetBoolean());
        using var restricted = App.Bearer(first.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await restricted.GetAsync("/api/v1/warnings", Ct)).StatusCode);

        var enrolment = await (await restricted.PostAsync("/api/v1/auth/totp", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var uri = enrolment.GetProperty("uri").GetString()!;
        Assert.StartsWith($"otpauth://totp/Forewarn:{user}?secret=", uri);
        var secret = Accounts.FromBase32(enrolment.GetProperty("secret").GetString()!);
        Assert.Equal(20, secret.Length);
        var again = await (await restricted.PostAsync("/api/v1/auth/totp", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(uri, again.GetProperty("uri").GetString());

        var wrong = await restricted.PostAsJsonAsync("/api/v1/auth/totp/confirm", new { code = "000000" == Now(secret) ? "111111" : "000000" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var confirmed = await restricted.PostAsJsonAsync("/api/v1/auth/totp/confirm", new { code = Now(secret) }, Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        using var full = App.Bearer(await Accounts.TokenOf(confirmed));
        Assert.Equal(HttpStatusCode.OK, (await full.GetAsync("/api/v1/warnings", Ct)).StatusCode);

        // The secret is sealed at rest like personal data.
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var stored = await db.Database.SqlQueryRaw<string>("SELECT \"TotpSecret\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"UserName\" = {0}", user).SingleAsync(Ct);
            Assert.StartsWith("fw1.", stored);
            Assert.DoesNotContain(Convert.ToBase64String(secret), stored);
        }
    }

    [Fact]
    public async Task Enrolled_staff_need_a_fresh_code_at_every_sign_in()
    {
        var user = await App.NewUserAsync(Roles.DistrictDispatcher, "500112", "500000/500112/");
        var (secret, _, used) = await App.EnrolAsync(user);

        var missing = await App.SignInAsync(user);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("totpRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.SignInAsync(user, totp: Totp.Code(secret, used))).StatusCode);

        var next = Totp.Code(secret, used + 1);
        var ok = await App.SignInAsync(user, totp: next);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False((await ok.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("mustEnrolTotp").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.SignInAsync(user, totp: next)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.SignInAsync(user, "wrong-password", Totp.Code(secret, used + 2))).StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout()
    {
        var user = await App.NewUserAsync(Roles.GridWorker, "500112011001", "500000/500112/500112011/500112011001/");
        var (secret, _, used) = await App.EnrolAsync(user);
        var bad = Totp.Code(secret, used - 5);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await App.SignInAsync(user, totp: bad)).StatusCode);
        }
        var locked = await App.SignInAsync(user, totp: Totp.Code(secret, used + 1));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Demo_accounts_and_admins_sign_in_without_a_second_factor()
    {
        var admin = await App.NewUserAsync(Roles.AuditAdmin, "500000", "500000/");
        foreach (var user in new[] { "city.analyst", admin })
        {
            var answer = await (await App.SignInAsync(user)).Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.False(answer.GetProperty("mustEnrolTotp").GetBoolean());
        }
    }

    [Fact]
    public async Task A_security_admin_resets_a_lost_authenticator_and_the_user_enrols_again()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer);
        var (_, token, _) = await App.EnrolAsync(user);
        using var session = App.Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/warnings", Ct)).StatusCode);

        using var system = await App.ClientFor("system.admin");
        using var security = await App.ClientFor("security.admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await system.PostAsync($"/api/v1/users/{user}/totp-reset", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsync($"/api/v1/users/{user}/totp-reset", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/warnings", Ct)).StatusCode);
        var again = await (await App.SignInAsync(user)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(again.GetProperty("mustEnrolTotp").GetBoolean());
    }

    private static string Now(byte[] secret) => Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow));
}

public sealed class TotpTests_Sqlite(SqliteApp app) : TotpTests(app);

public sealed class TotpTests_Postgres(PostgresApp app) : TotpTests(app);
