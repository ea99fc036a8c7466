namespace Forewarn.Engine.Territory;

/// <summary>A street or town (街道/镇/乡), the area of one police station in practice.</summary>
/// <param name="Code">The NBS nine-digit code, e.g. <c>500112001</c>.</param>
/// <param name="Name">The name, e.g. 双龙湖街道.</param>
/// <param name="DistrictCode">The six-digit code of its district, e.g. <c>500112</c>.</param>
/// <param name="DistrictName">The district's name, e.g. 渝北区.</param>
public sealed record Street(string Code, string Name, string DistrictCode, string DistrictName);
