using Forewarn.Server;
using Forewarn.Server.Components;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Demo;
using Forewarn.Server.Features.Dissuasion;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Public;
using Forewarn.Server.Features.Rules;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;

var command = Command.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);
command.AddDefaults(builder.Configuration);

builder.AddPlatform();
builder.Services.AddDatabase();
builder.AddAuditArea();
builder.AddIdentityArea();
builder.AddTerritoryArea();
builder.AddIndicatorsArea();
builder.AddRulesArea();
builder.AddSignalsArea();
builder.AddWarningsArea();
builder.AddDissuasionArea();
builder.AddCasesArea();
builder.AddDemoArea(command);
builder.AddWebUi();

var app = builder.Build();
app.UsePlatform();
app.MapAuditArea();
app.MapIdentityArea();
app.MapTerritoryArea();
app.MapIndicatorsArea();
app.MapRulesArea();
app.MapSignalsArea();
app.MapWarningsArea();
app.MapDissuasionArea();
app.MapCasesArea();
app.MapPublicArea();
app.MapWebUi();

return await command.RunAsync(app);
