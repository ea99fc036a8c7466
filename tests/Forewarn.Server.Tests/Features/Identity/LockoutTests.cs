using System.Net;
using System.Net.Http.Json;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Forewarn.Server.Tests.Features.Identity;

/// <summary>The lockout's length (<c>Forewarn:Auth:LockoutDuration</c>, 10 minutes by default), on a clock only the test moves.</summary>
public abstract class LockoutTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_locked_account_stays_locked_for_the_lockout_duration_and_signs_in_after_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The same server and database with the fake clock; its background loops stay with the shared server.
        using var timed = App.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.RemoveAll<IHostedService>();
        }));
        var name = "lock." + Guid.NewGuid().ToString("N")[..10];
        using (var scope = timed.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = name, DisplayName = name, UnitCode = "500112011", UnitPath = "500000/500112/500112011/", IsDemo = true };
            Assert.True((await users.CreateAsync(user, ForewarnApp.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.StationOfficer);
        }
        async Task<HttpResponseMessage> SignIn(string password)
        {
            using var client = timed.CreateClient();
            return await client.PostAsJsonAsync("/api/v1/auth/token", new { username = name, password }, Ct);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("wrong-" + i)).StatusCode);
        }
        var lockedAt = clock.GetUtcNow();
        using (var scope = timed.Services.CreateScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name))!;
            // Set by the server's clock (PostgreSQL keeps microseconds).
            Assert.InRange(user.LockoutEnd!.Value, lockedAt + TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1), lockedAt + TimeSpan.FromMinutes(10));
        }
        var locked = await SignIn(ForewarnApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync(Ct));

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var justBefore = await SignIn(ForewarnApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, justBefore.StatusCode);
        Assert.Contains("锁定", await justBefore.Content.ReadAsStringAsync(Ct));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await SignIn(ForewarnApp.Password)).StatusCode);
    }
}

public sealed class LockoutTests_Sqlite(SqliteApp app) : LockoutTests(app);

public sealed class LockoutTests_Postgres(PostgresApp app) : LockoutTests(app);
