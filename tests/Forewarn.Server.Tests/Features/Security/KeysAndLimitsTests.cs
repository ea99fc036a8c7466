using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// What the stored row itself shows, read past EF's converters with raw SQL: a personal field is
/// <c>fw1.aesgcm.{keyId}.{nonce|ciphertext|tag}</c> that the key from the key file (outside the database) opens, and the
/// lookup column beside it is an HMAC-SHA256 under the lookup key — not the number, not an unkeyed hash of it. The test
/// key ring is one as it stands after a rotation: what the retired key sealed still opens.
/// </summary>
public abstract class StoredPersonalDataTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_stored_phone_is_sealed_under_the_active_key_id_and_its_lookup_column_is_a_keyed_hash()
    {
        var phone = Intake.NewPhone();
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var id = (await App.SendAsync(Intake.Call(phone, fraud, 900, TimeSpan.FromMinutes(2), new { lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon })))[0].WarningId!.Value;

        string sealedPhone, subjectKey;
        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            sealedPhone = await db.Database.SqlQueryRaw<string>("SELECT \"SubjectPhone\" AS \"Value\" FROM \"Warnings\" WHERE \"Id\" = {0}", id).SingleAsync(Ct);
            subjectKey = await db.Database.SqlQueryRaw<string>("SELECT \"SubjectKey\" AS \"Value\" FROM \"Warnings\" WHERE \"Id\" = {0}", id).SingleAsync(Ct);
        }

        using var ring = JsonDocument.Parse(await File.ReadAllTextAsync(ForewarnApp.SharedDataKeys, Ct));
        var active = ring.RootElement.GetProperty("active").GetString()!;
        var parts = sealedPhone.Split('.', 4);
        Assert.Equal(["fw1", "aesgcm", active], parts[..3]);
        var bytes = Convert.FromBase64String(parts[3]);
        var plain = new byte[bytes.Length - 28];
        using (var aes = new AesGcm(Convert.FromBase64String(ring.RootElement.GetProperty("keys").GetProperty(active).GetString()!), 16))
        {
            aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(12, plain.Length), bytes.AsSpan(12 + plain.Length, 16), plain);
        }
        Assert.Equal(phone, Encoding.UTF8.GetString(plain));

        var lookupKey = Convert.FromBase64String((await File.ReadAllTextAsync(Path.Combine(App.Folder, "lookup.key"), Ct)).Trim());
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes("phone\n" + phone))), subjectKey);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(phone))), subjectKey);
        Assert.DoesNotContain(phone, subjectKey + sealedPhone);
    }

    [Fact]
    public async Task After_a_key_rotation_values_sealed_under_the_retired_key_still_open()
    {
        var phone = Intake.NewPhone();
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        var id = (await App.SendAsync(Intake.Call(phone, fraud, 900, TimeSpan.FromMinutes(2), new { lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon })))[0].WarningId!.Value;

        // What an older release wrote before the rotation: the same field sealed under the retired key.
        using var ring = JsonDocument.Parse(await File.ReadAllTextAsync(ForewarnApp.SharedDataKeys, Ct));
        var retired = Convert.FromBase64String(ring.RootElement.GetProperty("keys").GetProperty(ForewarnApp.RetiredDataKey).GetString()!);
        var plain = Encoding.UTF8.GetBytes(phone);
        var sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using (var aes = new AesGcm(retired, 16))
        {
            aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length, 16));
        }
        var old = $"fw1.aesgcm.{ForewarnApp.RetiredDataKey}.{Convert.ToBase64String(sealedBytes)}";
        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE \"Warnings\" SET \"SubjectPhone\" = {0} WHERE \"Id\" = {1}", [old, id], Ct));
        }

        using var officer = await App.ClientFor("yubei.dispatcher");
        var revealed = await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "核对密钥轮换" }, Ct);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal(phone, (await revealed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("phone").GetString());
        Assert.NotEqual(ForewarnApp.RetiredDataKey, ring.RootElement.GetProperty("active").GetString());
    }
}

public sealed class StoredPersonalDataTests_Sqlite(SqliteApp app) : StoredPersonalDataTests(app);

public sealed class StoredPersonalDataTests_Postgres(PostgresApp app) : StoredPersonalDataTests(app);

/// <summary>The public endpoints' rate limit, on a server over the shared SQLite database with the limit set low.</summary>
public sealed class PublicRateLimitTests(SqliteApp app)
{
    [Fact]
    public async Task Public_checks_beyond_the_limit_get_429_with_retry_after_per_client_address()
    {
        using var limited = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Forewarn:RateLimits:PublicPerMinute", "5");
            b.ConfigureServices(s => s.RemoveAll<IHostedService>());
        });
        async Task<(int Status, string RetryAfter)> CheckAsync(string address)
        {
            var context = await limited.Server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = "/api/v1/public/check";
                c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?phone=13900000000");
                c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            }, TestContext.Current.CancellationToken);
            return (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString());
        }

        var statuses = new List<(int Status, string RetryAfter)>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add(await CheckAsync("10.9.9.21"));
        }
        Assert.All(statuses.Take(5), s => Assert.Equal(200, s.Status));
        Assert.All(statuses.Skip(5), s => Assert.Equal((429, "60"), s));
        Assert.Equal(200, (await CheckAsync("10.9.9.22")).Status);
    }
}
