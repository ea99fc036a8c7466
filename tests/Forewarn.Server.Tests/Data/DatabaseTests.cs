using Forewarn.Server.Data;
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
