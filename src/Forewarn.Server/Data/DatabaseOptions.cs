using System.ComponentModel.DataAnnotations;

namespace Forewarn.Server.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Section <c>Forewarn:Database</c>. SQLite is the embedded default.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Forewarn:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite: the database file (default <c>data/forewarn.db</c>). Ignored for PostgreSQL.</summary>
    [Required]
    public string Path { get; set; } = "data/forewarn.db";

    /// <summary>For PostgreSQL: an Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (demo and development). Production runs <c>forewarn db migrate</c>.</summary>
    public bool AutoMigrate { get; set; }
}
