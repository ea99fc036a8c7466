using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Forewarn.Server.Data;

/// <summary>
/// Inserts new rows of one mapped entity type with INSERT statements in the context's open transaction, without
/// change tracking: for the hot paths that insert many rows (signal intake, indicator import), where EF Core's
/// per-entity bookkeeping cost more than the database did. Columns, value converters (the sealed personal fields among
/// them) and parameter types all come from the EF model, so the rows read back through EF exactly as if EF had written
/// them. A store-generated key is left to the database, and read back into the row only when asked (one row a
/// statement then, on either database); the rows stay untracked.
/// </summary>
public static class RowInserter
{
    /// <summary>Under both providers' limits on parameters a statement (SQLite 32,766; PostgreSQL 65,535).</summary>
    private const int MaxParameters = 30_000;

    private static readonly ConcurrentDictionary<(IModel, Type), Table> Tables = new();

    /// <summary>
    /// Inserts <paramref name="rows"/>; with <paramref name="readKeys"/>, sets each one's store-generated key from the
    /// database (so it can be attached after).
    /// </summary>
    /// <exception cref="DbUpdateException">The database refused a row (a unique key taken by another writer, say).</exception>
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool readKeys = false) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var table = Tables.GetOrAdd((db.Model, typeof(T)), static key => Table.Of(key.Item1, key.Item2));
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("RowInserter writes inside the caller's transaction.");
        // SQLite finds each named parameter by walking the statement's list of names, so one statement of many rows
        // costs time quadratic in its parameters; it has no round trips to save, so it gets one row a statement, the
        // statement prepared once. PostgreSQL gets many rows a statement: one round trip each.
        var key = readKeys ? table.Key ?? throw new InvalidOperationException($"{table.Name} has no store-generated key to read.") : null;
        var perStatement = db.Database.IsSqlite() || key is not null ? 1 : Math.Min(500, MaxParameters / table.Columns.Length);
        DbCommand? command = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                if (command is null || count < perStatement)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }
                    command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = table.Insert(count) + (key is null ? "" : $" RETURNING \"{key.Name}\"");
                }
                command.Parameters.Clear();
                var n = 0;
                for (var r = start; r < start + count; r++)
                {
                    foreach (var column in table.Columns)
                    {
                        command.Parameters.Add(column.Mapping.CreateParameter(command, "@p" + n++,
                            column.Getter.GetClrValueUsingContainingEntity(rows[r]!), column.Nullable));
                    }
                }
                if (key is null)
                {
                    await command.ExecuteNonQueryAsync(ct);
                }
                else
                {
                    var value = await command.ExecuteScalarAsync(ct);
                    key.Property.SetValue(rows[start], Convert.ChangeType(value, key.Property.PropertyType, CultureInfo.InvariantCulture));
                }
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Inserting into {table.Name} failed: {e.Message}", e);
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);

    private sealed record Key(string Name, System.Reflection.PropertyInfo Property);

    private sealed class Table(string name, Column[] columns, Key? key)
    {
        public string Name => name;

        public Column[] Columns => columns;

        /// <summary>The store-generated primary key, if the table has one.</summary>
        public Key? Key => key;

        public static Table Of(IModel model, Type type)
        {
            var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var generatedKey = entity.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } k] ? k : null;
            var properties = entity.GetProperties().Where(p => p != generatedKey).ToList();
            // A column the database would fill (a default, a computed value) would be overwritten by the CLR value here.
            if (properties.FirstOrDefault(p => p.ValueGenerated != ValueGenerated.Never || p.GetDefaultValueSql() is not null
                    || p.GetComputedColumnSql() is not null || p.TryGetDefaultValue(out _)) is { } generated)
            {
                throw new NotSupportedException($"RowInserter cannot write {type.Name}.{generated.Name}: the database generates it.");
            }
            var columns = properties
                .Select(p => new Column(p.GetColumnName(table)!, p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))
                .ToArray();
            var quoted = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
            var key = generatedKey is null ? null : new Key(generatedKey.GetColumnName(table)!,
                generatedKey.PropertyInfo ?? throw new NotSupportedException($"{type.Name}'s key has no property to set."));
            return new Table(quoted, columns, key);
        }

        public string Insert(int count)
        {
            var sql = new StringBuilder("INSERT INTO ").Append(name).Append(" (")
                .AppendJoin(", ", columns.Select(c => $"\"{c.Name}\"")).Append(") VALUES ");
            var n = 0;
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    sql.Append(c == 0 ? "@p" : ", @p").Append(n++);
                }
                sql.Append(')');
            }
            return sql.ToString();
        }
    }
}
