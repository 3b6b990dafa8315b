using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneRunPerSweepTrial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_SweepId",
                table: "Runs");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_SweepId_TrialIndex",
                table: "Runs",
                columns: new[] { "SweepId", "TrialIndex" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_SweepId_TrialIndex",
                table: "Runs");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_SweepId",
                table: "Runs",
                column: "SweepId");
        }
    }
}
