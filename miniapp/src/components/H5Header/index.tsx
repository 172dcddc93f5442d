/**
 * The mini-program keeps its native title bar: nothing here. The H5 build resolves index.h5.tsx instead
 * (Taro picks `<name>.<platform>.tsx` before `<name>.tsx`), which draws the title bar with 返回.
 */
export default function H5Header() {
  return null
}
