using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Forewarn.Server.Tests.Features.Audit;

public abstract class AuditTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Only_the_audit_admin_reads_the_audit_log()
    {
        using var auditor = await App.ClientFor("audit.admin");
        foreach (var user in new[] { "city.analyst", "system.admin", "security.admin", "longxi.officer" })
        {
            using var other = await App.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/audit", Ct)).StatusCode);
        }
        var records = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=auth.login&user=audit.admin&take=50", Ct);
        Assert.Contains(records.EnumerateArray(), r => r.GetProperty("user").GetString() == "audit.admin" && r.GetProperty("result").GetString() == "ok");
        var seqs = records.EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.OrderDescending(), seqs);
    }

    [Fact]
    public async Task Audit_log_filters_by_object_pages_exports_csv_and_verifies()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var auditor = await App.ClientFor("audit.admin");
        var created = await (await analyst.PostAsJsonAsync("/api/v1/cases", new { title = "审计对象", loss = 1, unitCode = "500112011" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/cases/{id}", Ct)).StatusCode);
        }

        var filter = $"event=cases&user=city.analyst&target={id}";
        var first = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?{filter}&take=2&page=1", Ct);
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?{filter}&take=2&page=2", Ct);
        Assert.Equal(2, first.GetArrayLength());
        Assert.Equal(1, second.GetArrayLength());
        Assert.All(first.EnumerateArray().Concat(second.EnumerateArray()), r => Assert.Equal(id, r.GetProperty("target").GetString()));
        Assert.True(first[1].GetProperty("seq").GetInt64() > second[0].GetProperty("seq").GetInt64());

        var response = await auditor.GetAsync($"/api/v1/audit/export.csv?{filter}", Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("序号,时间,用户,", lines[0], StringComparison.Ordinal);
        Assert.Contains(first[0].GetProperty("hash").GetString()!, lines[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/v1/audit/export.csv?from=yesterday", Ct)).StatusCode);

        var verified = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify", Ct);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.GetRawText());
        Assert.True(verified.GetProperty("records").GetInt64() >= first[0].GetProperty("seq").GetInt64());
        var exports = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=audit.export&user=audit.admin&take=5", Ct);
        Assert.NotEqual(0, exports.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/audit/export.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/audit/verify", Ct)).StatusCode);
    }

    [Fact]
    public async Task Revealing_personal_data_needs_a_reason_and_writes_one_audit_record()
    {
        var phone = Intake.NewPhone();
        var clue = Intake.Signal("clue", phone, TimeSpan.FromMinutes(1), subjectExtra: new { adminCode = "500112011001", name = "王五", idNumber = "500112199001010017" },
            extra: new { level = "high" });
        var id = (await App.SendAsync(clue))[0].WarningId!.Value;
        using var officer = await App.ClientFor("longxi.officer");
        using var grid = await App.ClientFor("longxi.grid");
        using var auditor = await App.ClientFor("audit.admin");

        var noReason = await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "" }, Ct);
        var shown = await (await officer.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "电话劝阻需拨打" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var gridShown = await (await grid.PostAsJsonAsync($"/api/v1/warnings/{id}/reveal", new { reason = "上门核实身份" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(phone, shown.GetProperty("phone").GetString());
        Assert.Equal("王五", shown.GetProperty("name").GetString());
        Assert.Equal("500112199001010017", shown.GetProperty("idNumber").GetString());
        Assert.Equal("500112********0017", gridShown.GetProperty("idNumber").GetString());
        Assert.True(gridShown.GetProperty("idNumberWithheld").GetBoolean());
        var log = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=personal.reveal&take=500", Ct);
        var mine = log.EnumerateArray().Where(r => r.GetProperty("target").GetString()!.StartsWith($"warning {id}:")).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Contains(mine, r => r.GetProperty("user").GetString() == "longxi.officer" && r.GetProperty("target").GetString()!.Contains("电话劝阻需拨打"));
        Assert.DoesNotContain(phone, log.GetRawText());
    }

    [Fact]
    public async Task Audit_records_carry_the_client_address_of_the_connection()
    {
        // The in-process server has no socket: the request is given the address Kestrel would take from the connection.
        var address = IPAddress.Parse($"203.0.113.{Random.Shared.Next(1, 255)}");
        var v6 = IPAddress.Parse($"2001:db8::{Random.Shared.Next(1, 0xffff):x}");
        using var analyst = await App.ClientFor("city.analyst");
        using var auditor = await App.ClientFor("audit.admin");
        var created = await (await analyst.PostAsJsonAsync("/api/v1/cases", new { title = "来源地址", loss = 1, unitCode = "500112011" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var read = await App.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = $"/api/v1/cases/{id}";
            c.Request.Headers.Authorization = analyst.DefaultRequestHeaders.Authorization!.ToString();
            c.Connection.RemoteIpAddress = address;
        }, Ct);
        Assert.Equal(200, read.Response.StatusCode);
        var stranger = "nobody." + Guid.NewGuid().ToString("N")[..10];
        var signIn = await App.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/api/v1/auth/token";
            c.Request.ContentType = "application/json";
            var body = JsonSerializer.SerializeToUtf8Bytes(new { username = stranger, password = "not-a-password" });
            c.Request.Body = new MemoryStream(body);
            c.Request.ContentLength = body.Length;
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
            c.Connection.RemoteIpAddress = v6;
        }, Ct);
        Assert.True(signIn.Response.StatusCode == 401, $"{signIn.Response.StatusCode}: {await new StreamReader(signIn.Response.Body).ReadToEndAsync(Ct)}");

        var reads = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?event=cases&user=city.analyst&target={id}", Ct);
        var login = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?event=auth.login&target={stranger}", Ct);
        var fromAddress = reads.EnumerateArray().Where(r => r.GetProperty("event").GetString()!.StartsWith("GET", StringComparison.Ordinal)).ToList();
        Assert.Equal(address.ToString(), Assert.Single(fromAddress).GetProperty("client").GetString());
        Assert.Equal(v6.ToString(), Assert.Single(login.EnumerateArray()).GetProperty("client").GetString());
        Assert.Equal("denied", login[0].GetProperty("result").GetString());

        // The address is sealed into the record's MAC like every other field (see the tampering theory: "edit the client address").
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var seq = fromAddress[0].GetProperty("seq").GetInt64();
            var stored = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Seq == seq, Ct);
            var chain = App.Services.GetRequiredService<AuditChain>();
            Assert.Equal(stored.Hash, chain.Mac(stored));
            stored.Client = "198.51.100.1";
            Assert.NotEqual(stored.Hash, chain.Mac(stored));
        }
    }

    /// <summary>Each kind of tampering, in SQL both databases speak (quoted names), and what the verifier must say.</summary>
    public static TheoryData<string, string, string> Tampering => new()
    {
        { "edit", "UPDATE \"AuditRecords\" SET \"User\" = 'mallory' WHERE \"Seq\" = 3", "record 3 was altered" },
        { "edit the client address", "UPDATE \"AuditRecords\" SET \"Client\" = '198.51.100.66' WHERE \"Seq\" = 3", "record 3 was altered" },
        { "delete a middle row", "DELETE FROM \"AuditRecords\" WHERE \"Seq\" = 3", "record 3 is missing" },
        { "insert", "INSERT INTO \"AuditRecords\" (\"Seq\", \"At\", \"User\", \"Role\", \"Unit\", \"Event\", \"Target\", \"Result\", \"Client\", \"CorrelationId\", \"PrevHash\", \"Hash\") "
            + "SELECT \"Seq\" + 1, \"At\", 'mallory', \"Role\", \"Unit\", \"Event\", \"Target\", \"Result\", \"Client\", \"CorrelationId\", \"Hash\", \"Hash\" "
            + "FROM \"AuditRecords\" ORDER BY \"Seq\" DESC LIMIT 1", "beyond the chain head" },
        { "reorder", "UPDATE \"AuditRecords\" SET \"Seq\" = -2 WHERE \"Seq\" = 2; UPDATE \"AuditRecords\" SET \"Seq\" = 2 WHERE \"Seq\" = 3; "
            + "UPDATE \"AuditRecords\" SET \"Seq\" = 3 WHERE \"Seq\" = -2;", "record 2" },
        { "truncate the tail", "DELETE FROM \"AuditRecords\" WHERE \"Seq\" > (SELECT MAX(\"Seq\") - 2 FROM \"AuditRecords\")", "cut off the end" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Every_kind_of_tampering_is_detected(string kind, string sql, string expected)
    {
        // Make sure there are a few records, then work on a consistent copy so the shared database stays intact.
        for (var i = 0; i < 3; i++)
        {
            using var client = App.CreateClient();
            await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody", password = "x-" + kind }, Ct);
        }
        await using var copy = await AuditLogCopy.MakeAsync(App, Ct);
        await using (var tampered = copy.NewDbContext())
        {
            var chain = App.Services.GetRequiredService<AuditChain>();
            Assert.Null(await chain.VerifyAsync(tampered, Ct));
            await tampered.Database.ExecuteSqlRawAsync(sql, Ct);
            var problem = await chain.VerifyAsync(tampered, Ct);
            Figures.Report($"audit tampering ({App.Provider})", ("kind", kind), ("detected", problem is null ? 0 : 1), ("first_bad", problem ?? "none"));
            Assert.NotNull(problem);
            Assert.Contains(expected, problem);
        }
    }

    /// <summary>A request made by hand for the in-process server has a body only when it says so.</summary>
    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    [Fact]
    public async Task Changes_and_their_audit_records_share_one_chain_that_verifies()
    {
        using var officer = await App.ClientFor("longxi.officer");
        await officer.GetAsync("/api/v1/warnings?pageSize=5", Ct);
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var chain = App.Services.GetRequiredService<AuditChain>();
            var problem = await chain.VerifyAsync(db, Ct);
            Assert.True(problem is null, problem);
            Assert.True(await db.AuditRecords.AnyAsync(r => r.User == "longxi.officer" && r.Event == "GET /api/v1/warnings/", Ct));
        }
    }
}

public sealed class AuditTests_Sqlite(SqliteApp app) : AuditTests(app);

public sealed class AuditTests_Postgres(PostgresApp app) : AuditTests(app);

/// <summary>
/// A consistent copy of the audit log to tamper with, so the shared database stays intact: on SQLite the whole database
/// (<c>VACUUM INTO</c>); on PostgreSQL the audit tables, dumped from one snapshot (<c>pg_dump -t</c>) into a scratch database.
/// </summary>
internal sealed class AuditLogCopy : IAsyncDisposable
{
    private readonly DbContextOptions<AppDbContext> _options;
    private readonly Func<Task> _remove;

    private AuditLogCopy(DbContextOptions<AppDbContext> options, Func<Task> remove)
    {
        _options = options;
        _remove = remove;
    }

    public AppDbContext NewDbContext() => new(_options, new TerritoryScope(new HttpContextAccessor()));

    public static async Task<AuditLogCopy> MakeAsync(ForewarnApp app, CancellationToken ct)
    {
        if (app is PostgresApp pg)
        {
            var scratch = "forewarn_tamper_" + Guid.NewGuid().ToString("N")[..12];
            var connection = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = scratch, Pooling = false }.ToString();
            var file = Path.Combine(app.Folder, scratch + ".dump");
            var dump = await PgTools.RunAsync("pg_dump", pg.ConnectionString, "-Fc", "--no-owner", "-t", "\"AuditRecords\"", "-t", "\"AuditHeads\"", "-f", file, pg.Database);
            Assert.True(dump.ExitCode == 0, "pg_dump failed: " + dump.Errors);
            await ExecuteAsync(PostgresApp.ServerConnectionString, $"CREATE DATABASE \"{scratch}\"", ct);
            var restore = await PgTools.RunAsync("pg_restore", connection, "--no-owner", "--exit-on-error", "-d", scratch, file);
            File.Delete(file);
            Assert.True(restore.ExitCode == 0, "pg_restore failed: " + restore.Errors);
            return new AuditLogCopy(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connection).Options,
                () => ExecuteAsync(PostgresApp.ServerConnectionString, $"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", CancellationToken.None));
        }
        var copy = Path.Combine(app.Folder, $"tamper-{Guid.NewGuid():N}.db");
        using (var db = app.NewDbContext(out var scope))
        using (scope)
        {
            var vacuum = "VACUUM INTO '" + copy.Replace("'", "''", StringComparison.Ordinal) + "'";
            await db.Database.ExecuteSqlRawAsync(vacuum, ct);
        }
        return new AuditLogCopy(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={copy};Pooling=False").Options, () =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(copy);
            return Task.CompletedTask;
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var server = new NpgsqlConnection(connectionString);
        await server.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, server);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync() => await _remove();
}
