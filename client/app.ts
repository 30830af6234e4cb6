import type { PropsWithChildren } from 'react';

// The app shell: Taro renders the current page as `children`.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
