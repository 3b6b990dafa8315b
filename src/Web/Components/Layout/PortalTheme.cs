using MudBlazor;

namespace Platform.Web.Components.Layout;

/// <summary>The portal's colors: a calm indigo primary, light surfaces, and a true dark variant.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4F46E5",
            Secondary = "#0EA5E9",
            Tertiary = "#14B8A6",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F2937",
            Background = "#F6F7FB",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#374151",
            DrawerIcon = "#6B7280",
            TextPrimary = "#111827",
            TextSecondary = "#6B7280",
            Success = "#16A34A",
            Warning = "#EA580C",
            Error = "#DC2626",
            Info = "#2563EB",
            LinesDefault = "#E5E7EB",
            TableLines = "#EEF0F4",
            Divider = "#E5E7EB",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818CF8",
            Secondary = "#38BDF8",
            Tertiary = "#2DD4BF",
            AppbarBackground = "#161A23",
            AppbarText = "#E5E7EB",
            Background = "#0F1117",
            Surface = "#161A23",
            DrawerBackground = "#161A23",
            DrawerText = "#D1D5DB",
            DrawerIcon = "#9CA3AF",
            TextPrimary = "#F3F4F6",
            TextSecondary = "#9CA3AF",
            Success = "#22C55E",
            Warning = "#F97316",
            Error = "#EF4444",
            Info = "#60A5FA",
            LinesDefault = "#2A2F3A",
            TableLines = "#242935",
            Divider = "#2A2F3A",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "232px",
            AppbarHeight = "56px",
        },
    };
}
