using Forewarn.Engine.Indicators;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Data;

public abstract class DatabaseTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            Assert.False(db.Database.HasPendingModelChanges(), $"Run dotnet ef migrations add for {App.Provider}.");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        }
    }

    [Fact]
    public async Task Rows_inserted_without_change_tracking_read_back_as_written_and_a_taken_key_is_refused()
    {
        var id = "row-inserter-" + Guid.NewGuid().ToString("N");
        Signal New(string externalId, bool full) => new()
        {
            ClientId = 1,
            ExternalId = externalId,
            Type = full ? SignalType.Transfer : SignalType.Call,
            OccurredAt = new DateTime(2026, 11, 28, 9, 15, 30, 123, DateTimeKind.Utc),
            ReceivedAt = new DateTime(2026, 11, 28, 9, 15, 31, 456, DateTimeKind.Utc),
            SubjectKey = "key-" + externalId,
            SubjectPhone = "13812345678",
            SubjectName = full ? "张三" : null,
            SubjectIdNumber = full ? "500112199001011234" : null,
            SubjectAge = full ? 67 : null,
            Lat = full ? 29.7 : null,
            Lon = full ? 106.6 : null,
            AdminCode = full ? "500112" : null,
            Address = full ? "重庆市渝北区龙溪街道1号" : null,
            CounterpartyType = full ? IndicatorType.Account : null,
            Counterparty = full ? "6222020200112233445" : null,
            CounterpartyBlacklisted = full,
            DurationSeconds = full ? 600 : null,
            AmountFen = full ? 5_000_000 : null,
            ClueLevel = full ? RiskLevel.High : null,
            Urgent = full,
            FraudType = full ? "fake_investment" : null,
            Note = full ? "备注" : null,
            UnitPath = "/500000/500112/",
        };
        var written = new[] { New(id + "-full", full: true), New(id + "-empty", full: false) };

        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await RowInserter.InsertAsync(db, written, Ct);
            await transaction.CommitAsync(Ct);
            Assert.Empty(db.ChangeTracker.Entries());
        }

        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            var read = await db.Signals.IgnoreQueryFilters().AsNoTracking().Where(s => s.ExternalId.StartsWith(id)).OrderBy(s => s.Id).ToListAsync(Ct);
            Assert.Equal(written.Length, read.Count);
            foreach (var (expected, actual) in written.Zip(read))
            {
                Assert.True(actual.Id > 0);
                foreach (var property in typeof(Signal).GetProperties().Where(p => p.Name is not (nameof(Signal.Id) or nameof(Signal.Warning))))
                {
                    var (want, got) = (property.GetValue(expected), property.GetValue(actual));
                    Assert.True(want is DateTime w ? got is DateTime g && w.Ticks == g.Ticks : Equals(want, got),
                        $"{property.Name}: wrote {want}, read {got}");
                }
            }
            // Personal fields are sealed at rest, as when EF writes them.
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"SubjectPhone\" FROM \"Signals\" WHERE \"ExternalId\" = '{id}-full'";
            Assert.DoesNotContain("13812345678", Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture) ?? "");

            await using var again = await db.Database.BeginTransactionAsync(Ct);
            await Assert.ThrowsAsync<DbUpdateException>(() => RowInserter.InsertAsync(db, [New(id + "-full", full: false)], Ct));
        }
    }

    [Fact]
    public async Task Rows_inserted_with_their_keys_read_back_carry_the_ids_the_database_gave_them()
    {
        var id = "row-keys-" + Guid.NewGuid().ToString("N");
        var rows = Enumerable.Range(0, 3).Select(i => new Signal
        {
            ClientId = 1,
            ExternalId = $"{id}-{i}",
            Type = SignalType.Call,
            OccurredAt = new DateTime(2026, 11, 28, 9, 0, i, DateTimeKind.Utc),
            ReceivedAt = new DateTime(2026, 11, 28, 9, 1, 0, DateTimeKind.Utc),
            SubjectKey = "key-" + id,
            SubjectPhone = "13812345678",
            UnitPath = "/500000/",
        }).ToList();

        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
            {
                await RowInserter.InsertAsync(db, rows, Ct, readKeys: true);
                await transaction.CommitAsync(Ct);
            }
            var stored = await db.Signals.IgnoreQueryFilters().AsNoTracking().Where(s => s.ExternalId.StartsWith(id))
                .ToDictionaryAsync(s => s.ExternalId, s => s.Id, Ct);
            Assert.Equal(3, stored.Count);
            Assert.All(rows, row => Assert.Equal(stored[row.ExternalId], row.Id));
            Assert.Equal(3, rows.Select(r => r.Id).Distinct().Count());
        }
    }
}

public sealed class DatabaseTests_Sqlite(SqliteApp app) : DatabaseTests(app)
{
    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_full_synchronous()
    {
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            await DatabaseSetup.AssertDurableAsync(db, Ct);
        }
    }
}

public sealed class DatabaseTests_Postgres(PostgresApp app) : DatabaseTests(app);
