/**
 * The PDF code, loaded on first use: pdf-lib and fontkit take about half a second to import (more
 * on a busy machine), which a production start would otherwise pay before it listens.
 */
export const loadPdf = () => import('./pdf');
