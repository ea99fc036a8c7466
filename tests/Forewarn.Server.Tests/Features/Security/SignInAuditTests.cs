using System.Net.Http.Json;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>Every sign-in, failed or not, leaves one audit record with its UTC time, user, result and correlation id, sealed into the chain.</summary>
public abstract class SignInAuditTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Failed_and_successful_sign_ins_are_audited_with_user_result_and_correlation_id()
    {
        var user = await App.NewUserAsync(Roles.StationOfficer, demo: true);
        var started = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1);
        Assert.Equal(401, await SignInAsync(user, "wrong-password"));
        Assert.Equal(200, await SignInAsync(user, ForewarnApp.Password));

        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var records = await db.AuditRecords.AsNoTracking().Where(r => r.Event == "auth.login" && r.User == user).OrderBy(r => r.Seq).ToListAsync(Ct);
            Assert.Equal(2, records.Count);
            Assert.NotEqual("ok", records[0].Result);
            Assert.Equal("ok", records[1].Result);
            Assert.All(records, r =>
            {
                Assert.True(r.At >= started && r.At.Kind != DateTimeKind.Local, $"time {r.At:O}");
                Assert.False(string.IsNullOrEmpty(r.CorrelationId));
                Assert.True(r.IsSealed);
            });
        }
    }

    private async Task<int> SignInAsync(string user, string password)
    {
        using var client = App.CreateClient();
        return (int)(await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password }, Ct)).StatusCode;
    }
}

public sealed class SignInAuditTests_Sqlite(SqliteApp app) : SignInAuditTests(app);

public sealed class SignInAuditTests_Postgres(PostgresApp app) : SignInAuditTests(app);
