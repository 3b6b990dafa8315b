using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Datasets.Images;
using Platform.Jobs.Operations;
using Platform.Storage.Blobs;

namespace Platform.Jobs.Datasets;

public static class DatasetJobsServiceCollectionExtensions
{
    public static IServiceCollection AddDatasetJobs(this IServiceCollection services)
    {
        services.AddScoped<UploadExtractor>();
        services.AddScoped<ImageChecker>();
        // One budget for the process: concurrent imports share the memory bound of their image decodes.
        services.AddSingleton(sp => new DecodeBudget(Math.Max(1, sp.GetRequiredService<IOptions<DatasetStorageOptions>>().Value.MaxDecodingBytes)));
        services.AddScoped<VersionWriter>();
        services.AddScoped<DatasetPurger>();
        services.AddScoped<IOperationHandler, ImportDatasetHandler>();
        services.AddScoped<IOperationHandler, SplitDatasetHandler>();
        services.AddScoped<IOperationHandler, ExportDatasetHandler>();
        services.AddScoped<IOperationHandler, Annotation.FinishAnnotationHandler>();
        services.AddScoped<IOperationHandler, Annotation.PrelabelAnnotationHandler>();
        services.AddScoped<Annotation.Retraining>();
        return services;
    }
}
