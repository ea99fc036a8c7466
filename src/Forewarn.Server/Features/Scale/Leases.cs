using System.Data.Common;
using Forewarn.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Forewarn.Server.Features.Scale;

/// <summary>
/// Session-level PostgreSQL advisory locks held on one dedicated connection per process: the leader lease for the
/// city-wide background passes and the partition leases of the signal consumer. PostgreSQL releases a session's locks
/// when the session ends, so a process that dies (or loses its connection) gives its leases up by itself, and another
/// takes them on its next try. On SQLite (one machine, one process) there is nothing to share and no lock is taken.
/// </summary>
public sealed class Leases(IOptions<DatabaseOptions> database, ProcessRole role, IOptions<NatsOptions> nats, ILogger<Leases> log) : IAsyncDisposable
{
    /// <summary>The leader lease: "Forewarn" in ASCII.</summary>
    public const long LeaderKey = 0x466F_7265_7761_726E;

    /// <summary>Partition <c>p</c>'s lease is <c>PartitionKeyBase + p</c>.</summary>
    public const long PartitionKeyBase = 0x4657_5041_0000;

    /// <summary>The <c>application_name</c> of a consuming process's lease connection; counting them tells how many share the partitions.</summary>
    public const string ConsumerApplication = "forewarn-consumer";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _held = [];
    private NpgsqlConnection? _connection;

    /// <summary>True on PostgreSQL, where several processes may share the database.</summary>
    public bool Shared => database.Value.Provider == DatabaseProvider.Postgres;

    /// <summary>This process consumes signals from JetStream (a worker, or <c>all</c> with NATS).</summary>
    public bool Consumes => nats.Value.Enabled && role.Role != ServeRole.Web;

    public bool Holds(long key)
    {
        lock (_held)
        {
            return _held.Contains(key);
        }
    }

    /// <summary>Takes <paramref name="key"/> if no other session holds it; true if this process holds it now.</summary>
    public Task<bool> TryAcquireAsync(long key, CancellationToken ct) => RunAsync(async connection =>
    {
        if (Holds(key))
        {
            return true;
        }
        if (await ScalarAsync(connection, "select pg_try_advisory_lock(@k)", key, ct) is true)
        {
            lock (_held)
            {
                _held.Add(key);
            }
            return true;
        }
        return false;
    }, false, ct);

    public Task<bool> ReleaseAsync(long key, CancellationToken ct) => RunAsync(async connection =>
    {
        lock (_held)
        {
            if (!_held.Remove(key))
            {
                return false;
            }
        }
        return await ScalarAsync(connection, "select pg_advisory_unlock(@k)", key, ct) is true;
    }, false, ct);

    /// <summary>Checks the connection; if it is gone, so are the leases (<see cref="Holds"/> turns false) and a new one is opened.</summary>
    public Task<bool> AliveAsync(CancellationToken ct) => RunAsync(async connection => await ScalarAsync(connection, "select true", null, ct) is true, false, ct);

    /// <summary>How many consuming processes are connected to this database now (this one included).</summary>
    public Task<int> ConsumersAsync(CancellationToken ct) => RunAsync(async connection => Convert.ToInt32(await ScalarAsync(connection,
        "select count(*) from pg_stat_activity where datname = current_database() and application_name = '" + ConsumerApplication + "'", null, ct),
        System.Globalization.CultureInfo.InvariantCulture), 1, ct);

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, long? key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (key is { } k)
        {
            command.Parameters.AddWithValue("k", k);
        }
        return await command.ExecuteScalarAsync(ct);
    }

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, T failed, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is not { State: System.Data.ConnectionState.Open })
            {
                await DropAsync();
                var builder = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
                {
                    ApplicationName = Consumes ? ConsumerApplication : "forewarn",
                    Pooling = false,
                    KeepAlive = 5,
                };
                var connection = new NpgsqlConnection(builder.ToString());
                await connection.OpenAsync(ct);
                _connection = connection;
            }
            return await work(_connection);
        }
        catch (Exception e) when (e is DbException or IOException or TimeoutException or InvalidOperationException)
        {
            log.LogWarning(e, "Lease connection failed; this process holds no lease until it reconnects");
            await DropAsync();
            return failed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DropAsync()
    {
        lock (_held)
        {
            _held.Clear();
        }
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception e) when (e is DbException or IOException)
            {
                log.LogDebug(e, "Closing a broken lease connection");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _gate.Dispose();
    }
}

/// <summary>
/// The city-wide background passes (SLA monitor, outbox, notification delivery, two-card expiry) run in one process at a
/// time: the holder of the leader lease. Web processes in a JetStream deployment never take it, so the passes run on
/// workers; on SQLite the one process always leads. Each pass asks before every tick, so a leader that lost its
/// database session stops at its next tick and another process takes over at its own.
/// </summary>
public sealed class Leadership(Leases leases, ProcessRole role, IOptions<NatsOptions> nats)
{
    private volatile bool _leader;

    public bool IsLeader => _leader;

    public async Task<bool> MayRunAsync(CancellationToken ct)
    {
        if (!leases.Shared)
        {
            return _leader = true;
        }
        if (role.Role == ServeRole.Web && nats.Value.Enabled)
        {
            return _leader = false;
        }
        if (leases.Holds(Leases.LeaderKey))
        {
            return _leader = await leases.AliveAsync(ct) && leases.Holds(Leases.LeaderKey);
        }
        return _leader = await leases.TryAcquireAsync(Leases.LeaderKey, ct);
    }
}
