// ECharts with only the parts the dashboard draws (bar, line, pie; grid, tooltip, legend, mark
// lines; canvas). Imported with import() by components/EChart.vue, so it is its own chunk, loaded
// the first time a chart is shown, never part of the main bundle.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, TitleComponent, CanvasRenderer]);

export { echarts };
