using Forewarn.Engine;
using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Demo;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Prevention;

/// <summary>
/// Builds prevention test data straight into the database: fresh grids (codes ending 9xx, which no real grid has) under a real station
/// that no other test uses, residents with ID numbers of a given age, and warnings and cases at given times.
/// </summary>
public static class PreventionData
{
    private static int _grid = 900;

    public static async Task<(string Code, string Path)> NewGridAsync(this ForewarnApp app, string station, int population = 0)
    {
        var code = station + Interlocked.Increment(ref _grid).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        using var db = app.NewDbContext(out var scope);
        using (scope)
        {
            var parent = await db.Units.IgnoreQueryFilters().SingleAsync(u => u.Code == station);
            var path = Unit.PathOf(parent.UnitPath, code);
            db.Units.Add(new Unit { Code = code, Name = $"测试网格{code[^3..]}", Level = UnitLevel.Grid, ParentCode = station, UnitPath = path, Population = population });
            await db.SaveChangesAsync();
            return (code, path);
        }
    }

    /// <summary>A resident aged <paramref name="age"/> today (born that many years and ten days ago); returns the phone.</summary>
    public static async Task<string> AddResidentAsync(this ForewarnApp app, (string Code, string Path) grid, int age, string name = "测试居民")
    {
        var phone = Intake.NewPhone();
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-age).AddDays(-10);
        var id = IdNumber.Create(grid.Code[..6], born, Random.Shared.Next(1, 999)).Value;
        using var db = app.NewDbContext(out var scope);
        using (scope)
        {
            db.Residents.Add(new Resident
            {
                Name = name, Phone = phone, IdNumber = id, Age = age, BornOn = ResidentBirth.Of(id),
                PhoneKey = scope.ServiceProvider.GetRequiredService<LookupHasher>().Hash("phone", phone), GridCode = grid.Code, UnitPath = grid.Path,
            });
            await db.SaveChangesAsync();
        }
        return phone;
    }

    public static async Task<long> AddWarningAsync(this ForewarnApp app, (string Code, string Path) grid, string? fraudType, DateTime openedAt,
        string? subjectKey = null, string? outcome = null)
    {
        using var db = app.NewDbContext(out var scope);
        using (scope)
        {
            var w = new Warning
            {
                Level = Engine.Warnings.RiskLevel.Medium, Status = outcome is null ? WarningStatus.Open : WarningStatus.Closed, Outcome = outcome,
                SubjectKey = subjectKey ?? Guid.NewGuid().ToString("N"), SubjectPhone = Intake.NewPhone(), UnitCode = grid.Code, UnitPath = grid.Path,
                RouteRule = "point", Reasons = "[]", FraudType = fraudType, OpenedAt = openedAt, LastSignalAt = openedAt, LevelSince = openedAt,
                SignalCount = 1, Revision = Guid.NewGuid(),
            };
            db.Warnings.Add(w);
            await db.SaveChangesAsync();
            return w.Id;
        }
    }

    public static async Task<long> AddCaseAsync(this ForewarnApp app, (string Code, string Path) grid, string? fraudType, DateTime occurredAt,
        string? victimKey = null)
    {
        using var db = app.NewDbContext(out var scope);
        using (scope)
        {
            var c = new Case
            {
                Title = "测试案件", FraudType = fraudType, OccurredAt = occurredAt, VictimKey = victimKey, Status = "open", UnitCode = grid.Code,
                UnitPath = grid.Path, CreatedAt = occurredAt, CreatedBy = "test",
            };
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        }
    }

    public static string Key(this ForewarnApp app, string phone) => app.Services.GetRequiredService<LookupHasher>().Hash("phone", phone);
}
