using System.ComponentModel.DataAnnotations;

namespace Forewarn.Server.Features.Territory;

/// <summary>Section <c>Forewarn:Territory</c>: which city this deployment serves.</summary>
public sealed class TerritoryOptions
{
    public const string Section = "Forewarn:Territory";

    [Required, RegularExpression(@"^\d{6}$")]
    public string CityCode { get; set; } = "500000";

    [Required]
    public string CityName { get; set; } = "重庆市";

    /// <summary>The city's telephone area code; landlines and mobile segments with it are local.</summary>
    [Required, RegularExpression(@"^0\d{2,3}$")]
    public string AreaCode { get; set; } = "023";

    /// <summary>Police stations are derived per street or town; this many grids are derived inside each.</summary>
    [Range(1, 50)]
    public int GridsPerStation { get; set; } = 3;
}
