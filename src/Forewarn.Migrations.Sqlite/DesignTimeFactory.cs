using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Forewarn.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add NAME --project src/Forewarn.Migrations.Sqlite</c> build the model for this provider.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Path = Path.Combine(Path.GetTempPath(), "forewarn-design.db") });
        return new AppDbContext(options.Options, new TerritoryScope(new HttpContextAccessor()));
    }
}
