using Microsoft.Data.Sqlite;

namespace Forewarn.Server.Data;

/// <summary>
/// <c>forewarn backup</c> and <c>forewarn restore</c> for the embedded SQLite database. The backup uses SQLite's online
/// backup API, which copies one consistent snapshot while the server keeps writing (WAL lets writers go on beside the
/// reader). The result is one self-contained file, checked with <c>PRAGMA integrity_check</c>.
/// Keys are never in the backup: <c>keys/</c> (data key ring, lookup, audit and signing keys) is kept and restored
/// separately, from its own safe place — a stolen backup alone reveals no personal data. PostgreSQL uses pg_dump (README).
/// </summary>
public static class SqliteBackup
{
    public static async Task<long> BackupAsync(string databasePath, string outFile, CancellationToken ct = default)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"No database at {databasePath}.", databasePath);
        }
        var target = Path.GetFullPath(outFile);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        await using (var source = Open(databasePath, SqliteOpenMode.ReadOnly))
        await using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
        {
            await source.OpenAsync(ct);
            await copy.OpenAsync(ct);
            source.BackupDatabase(copy);
            // One file, no -wal beside it.
            await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE", ct);
            await CheckAsync(copy, ct);
        }
        File.Move(partial, target, overwrite: true);
        return new FileInfo(target).Length;
    }

    /// <summary>Restores a backup into a database path that must not exist yet (never over a live database).</summary>
    public static async Task RestoreAsync(string backupFile, string databasePath, CancellationToken ct = default)
    {
        if (!File.Exists(backupFile))
        {
            throw new FileNotFoundException($"No backup at {backupFile}.", backupFile);
        }
        var target = Path.GetFullPath(databasePath);
        if (File.Exists(target))
        {
            throw new InvalidOperationException($"{target} exists: restore into an empty data folder, never over a database.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = Open(backupFile, SqliteOpenMode.ReadOnly))
        await using (var copy = Open(target, SqliteOpenMode.ReadWriteCreate))
        {
            await source.OpenAsync(ct);
            await CheckAsync(source, ct);
            await copy.OpenAsync(ct);
            source.BackupDatabase(copy);
            await ExecuteAsync(copy, "PRAGMA journal_mode=WAL", ct);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());

    private static async Task CheckAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = (string?)await command.ExecuteScalarAsync(ct);
        if (result != "ok")
        {
            throw new InvalidDataException($"The database failed its integrity check: {result}");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
