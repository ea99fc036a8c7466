using System.Data.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Forewarn.Server.Features.Scale;

/// <summary>
/// Shares blacklist changes between processes on PostgreSQL with <c>LISTEN/NOTIFY</c>: a process that committed a change
/// (<see cref="BlacklistHolder.MarkDirty"/>) sends a notification on <c>forewarn_blacklist</c>, every process listening marks its
/// index stale and rebuilds at the refresher's next tick (250 ms). The table's watermark is then polled only every
/// <see cref="SafetyPoll"/>, in case a notification was missed while a connection was down (on reconnecting, a process
/// rebuilds anyway). SQLite is one process and keeps polling the watermark every tick.
/// </summary>
public sealed class BlacklistNotifications(IOptions<DatabaseOptions> database, BlacklistHolder holder, ILogger<BlacklistNotifications> log)
    : BackgroundService
{
    public const string Channel = "forewarn_blacklist";
    public static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(10);

    /// <summary>Sent as the payload so that a process skips its own notifications (it rebuilt already).</summary>
    private readonly string _self = Guid.NewGuid().ToString("N");

    private readonly System.Threading.Channels.Channel<bool> _outgoing = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        holder.Changed += OnChanged;
        try
        {
            await Task.WhenAll(ListenAsync(stoppingToken), NotifyAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            holder.Changed -= OnChanged;
        }
    }

    private void OnChanged() => _outgoing.Writer.TryWrite(true);

    private NpgsqlConnection Connect(string name) => new(new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
    {
        ApplicationName = name,
        Pooling = false,
        KeepAlive = 5,
    }.ToString());

    private async Task NotifyAsync(CancellationToken ct)
    {
        await foreach (var _ in _outgoing.Reader.ReadAllAsync(ct))
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    await using var connection = Connect("forewarn-notify");
                    await connection.OpenAsync(ct);
                    await using var command = new NpgsqlCommand("select pg_notify(@channel, @self)", connection);
                    command.Parameters.AddWithValue("channel", Channel);
                    command.Parameters.AddWithValue("self", _self);
                    await command.ExecuteNonQueryAsync(ct);
                    break;
                }
                catch (Exception e) when (e is DbException or IOException or TimeoutException)
                {
                    // The other processes still see the change at their safety poll.
                    log.LogWarning(e, "Blacklist change notification failed (attempt {Attempt})", attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = Connect("forewarn-listen");
                connection.Notification += (_, e) =>
                {
                    if (e.Payload != _self)
                    {
                        holder.MarkStale();
                    }
                };
                await connection.OpenAsync(ct);
                await using (var command = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await command.ExecuteNonQueryAsync(ct);
                }
                holder.WatermarkPoll = SafetyPoll;
                // Whatever changed while this process was not listening.
                holder.MarkStale();
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (Exception e) when (e is DbException or IOException or TimeoutException)
            {
                holder.WatermarkPoll = Indicators.BlacklistRefresher.Tick;
                log.LogWarning(e, "Listening for blacklist changes failed; polling until it reconnects");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
