namespace Platform.Web.Pages.Datasets;

/// <summary>A gallery view (thumbnails or a table) that can bring any position into view and focus it.</summary>
public interface IItemView
{
    Task ShowAsync(int index);
}
