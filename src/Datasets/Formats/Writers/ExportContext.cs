namespace Platform.Datasets.Formats.Writers;

/// <summary>What every format writer needs: the dataset, where its images come from, and where the export goes.</summary>
internal sealed record ExportContext(ExportDataset Dataset, OpenBlob OpenBlob, Stream Output, ProgressCounter Progress);

/// <summary>Reports the number of items written, at most a few times a second and once at the end.</summary>
internal sealed class ProgressCounter(IProgress<int>? progress)
{
    private const long IntervalMs = 200;
    private long lastReport = Environment.TickCount64;

    public int Count { get; private set; }

    public void Add()
    {
        Count++;
        var now = Environment.TickCount64;
        if (progress is not null && now - lastReport >= IntervalMs)
        {
            lastReport = now;
            progress.Report(Count);
        }
    }

    public void Finish() => progress?.Report(Count);
}
