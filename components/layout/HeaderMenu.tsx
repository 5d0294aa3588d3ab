"use client";

// On a phone the header's links and the account collapse behind one button;
// on a wide screen they are always shown and the button is hidden (CSS).
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

export function HeaderMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Following a link closes the menu.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="app-menu" onClick={() => setOpen((o) => !o)}>
        {open ? "关闭" : "菜单"}
      </button>
      <div id="app-menu" className={`app-menu${open ? " open" : ""}`}>
        {children}
      </div>
    </>
  );
}
