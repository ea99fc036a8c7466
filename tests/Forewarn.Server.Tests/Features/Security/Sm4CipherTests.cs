using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Security;

/// <summary>
/// A deployment that switches to SM4 (<c>Forewarn:Security:Cipher=sm4-gcm</c>), as real processes: the demo city is seeded
/// under AES-GCM, then the server restarts with SM4. New personal fields are stored <c>fw1.sm4gcm.{keyId}.…</c>, the older
/// AES-GCM ones still open, both are revealed in the clear to an officer, and none of the values is in plaintext at rest.
/// (Real processes because the key ring and its cipher are process-wide: the in-process test servers all seal with AES-GCM.)
/// </summary>
public abstract class Sm4CipherTests(DatabaseProvider provider)
{
    private const string ApiKey = "fw_sm4_test_key_0123456789abcdef";
    private const string Password = "Sm4-Test-Pass-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_switched_to_sm4_seals_new_fields_with_it_and_still_opens_the_aes_ones()
    {
        await using var database = ProcessDatabase.Create(provider);
        var before = (Phone: Intake.NewPhone(), Name: "国密前" + Guid.NewGuid().ToString("N")[..6]);
        var after = (Phone: Intake.NewPhone(), Name: "国密后" + Guid.NewGuid().ToString("N")[..6]);
        long beforeId, afterId;
        await using (var aes = await ServerProcess.StartAsync(database, demo: true, ApiKey, Password))
        {
            beforeId = await RaiseAsync(aes.Http, before.Phone, before.Name);
        }
        await using (var sm4 = await ServerProcess.StartAsync(database, demo: false, ApiKey, Password,
            new Dictionary<string, string> { ["Forewarn__Security__Cipher"] = "sm4-gcm" }))
        {
            afterId = await RaiseAsync(sm4.Http, after.Phone, after.Name);
            using var officer = await SignInAsync(sm4.Http.BaseAddress!, "yubei.dispatcher");
            foreach (var (id, person) in new[] { (beforeId, before), (afterId, after) })
            {
                var revealed = await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "核对国密改造" }, Ct);
                Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
                var shown = await revealed.Content.ReadFromJsonAsync<JsonElement>(Ct);
                Assert.Equal(person.Phone, shown.GetProperty("phone").GetString());
                Assert.Equal(person.Name, shown.GetProperty("name").GetString());
            }
        }

        // What is stored: the cipher's name and the active key id in each field; the SM4 one opens with the key file's key.
        using var ring = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(database.Data, "keys", "data-keys.json"), Ct));
        var active = ring.RootElement.GetProperty("active").GetString()!;
        var stored = (await database.QueryAsync($"SELECT \"Id\", \"SubjectPhone\", \"SubjectName\" FROM \"Warnings\" WHERE \"Id\" IN ({beforeId}, {afterId})", Ct))
            .ToDictionary(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), r => (Phone: (string)r[1]!, Name: (string)r[2]!));
        Assert.StartsWith($"fw1.aesgcm.{active}.", stored[beforeId].Phone, StringComparison.Ordinal);
        Assert.StartsWith($"fw1.sm4gcm.{active}.", stored[afterId].Phone, StringComparison.Ordinal);
        Assert.StartsWith($"fw1.sm4gcm.{active}.", stored[afterId].Name, StringComparison.Ordinal);
        var key = Convert.FromBase64String(ring.RootElement.GetProperty("keys").GetProperty(active).GetString()!);
        Assert.Equal(after.Phone, Encoding.UTF8.GetString(new Sm4GcmCipher().Decrypt(key, Convert.FromBase64String(stored[afterId].Phone.Split('.', 4)[3]))));

        var dump = await database.DumpAsync(Ct);
        var values = new[] { before.Phone, before.Name, after.Phone, after.Name };
        var hits = values.Where(v => dump.AsSpan().IndexOf(Encoding.UTF8.GetBytes(v)) >= 0).ToList();
        var sm4Fields = Count(dump, "fw1.sm4gcm."u8);
        Figures.Report($"SM4-GCM at rest ({provider}, real process)", ("values_seeded", values.Length), ("bytes_scanned", dump.Length),
            ("sm4_sealed_fields", sm4Fields), ("aes_sealed_fields", Count(dump, "fw1.aesgcm."u8)), ("plaintext_hits", hits.Count));
        Assert.True(hits.Count == 0, "plaintext found at rest: " + string.Join(", ", hits));
        Assert.True(sm4Fields >= 2, $"only {sm4Fields} SM4-sealed fields at rest");
    }

    private static int Count(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        for (var rest = haystack.AsSpan(); rest.IndexOf(needle) is var at and >= 0; rest = rest[(at + needle.Length)..])
        {
            count++;
        }
        return count;
    }

    /// <summary>A clue about a named subject in Longxi (Yubei), which becomes a warning.</summary>
    private static async Task<long> RaiseAsync(HttpClient source, string phone, string name)
    {
        var clue = Intake.Signal("clue", phone, TimeSpan.FromMinutes(1), subjectExtra: new { adminCode = "500112011001", name }, extra: new { level = "high" });
        var response = await source.PostAsJsonAsync("/api/v1/signals", new JsonArray(clue), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("results")[0];
        return result.GetProperty("warningId").GetInt64();
    }

    private static async Task<HttpClient> SignInAsync(Uri server, string user)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = Password }, Ct))
            .Content.ReadFromJsonAsync<ForewarnApp.TokenResponse>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }
}

/// <summary>With the crash harness: real processes that seed a city run alone (see <see cref="CrashTestsCollection"/>).</summary>
[Collection(nameof(CrashTests))]
public sealed class Sm4CipherTests_Sqlite() : Sm4CipherTests(DatabaseProvider.Sqlite);

[Collection(nameof(CrashTests))]
public sealed class Sm4CipherTests_Postgres() : Sm4CipherTests(DatabaseProvider.Postgres);
